import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * A form with ``data-b2b-confirm`` asks before it is submitted (deactivating a
 * B2B user): the text comes from the template, in the person's language.
 * Cancelling changes nothing; the server checks the request as always.
 */
export class B2bConfirmForm extends Interaction {
    static selector = "form[data-b2b-confirm]";
    dynamicContent = {
        _root: { "t-on-submit": this.onSubmit },
    };

    onSubmit(ev) {
        if (!window.confirm(this.el.dataset.b2bConfirm)) {
            ev.preventDefault();
            ev.stopImmediatePropagation();
        }
    }
}

registry.category("public.interactions").add("b2b_portal.confirm_form", B2bConfirmForm);
