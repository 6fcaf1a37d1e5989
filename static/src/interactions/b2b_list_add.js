import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * "Add to a shopping list" on a product page adds the variant the buyer has
 * chosen: the shop's variant picker updates the product form's ``product_id``,
 * which is copied into the list form when it is submitted. The server checks the
 * product for the company as always.
 */
export class B2bListAddVariant extends Interaction {
    static selector = "form.o_b2b_list_add_form:has(input[name='product_id'])";
    dynamicContent = {
        _root: { "t-on-submit": this.onSubmit },
    };

    setup() {
        // tells a browser test the copy is in place
        this.el.dataset.b2bVariantSync = "1";
    }

    onSubmit() {
        const chosen = document.querySelector(".js_main_product input.product_id");
        const value = chosen && chosen.value;
        if (value && /^\d+$/.test(value)) {
            this.el.querySelector("input[name='product_id']").value = value;
        }
    }
}

registry.category("public.interactions").add("b2b_portal.list_add_variant", B2bListAddVariant);
