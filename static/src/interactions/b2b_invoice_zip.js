import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * Invoices as one ZIP (I2): the box in the header of /my/invoices ticks or
 * unticks every invoice of the page. Purely a convenience: the server checks
 * every posted id against the person's record rules.
 */
export class B2bInvoiceZipAll extends Interaction {
    static selector = "input.o_b2b_zip_all";
    dynamicContent = {
        _root: { "t-on-change": this.onChange },
    };

    onChange() {
        document.querySelectorAll("input.o_b2b_zip_pick").forEach((box) => {
            box.checked = this.el.checked;
        });
    }
}

registry.category("public.interactions").add("b2b_portal.invoice_zip_all", B2bInvoiceZipAll);
