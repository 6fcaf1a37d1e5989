import { registry } from "@web/core/registry";

// Order again: from an earlier order, the product the profile no longer allows is
// listed with the reason; change a quantity and put the rest in the cart.
registry.category("web_tour.tours").add("b2b_portal_reorder", {
    steps: () => [
        {
            content: "Order again from the order page",
            trigger: "a.o_b2b_reorder_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The shelf cannot be ordered: the reason is shown",
            trigger: "tr:contains('Zorblax steel shelf') .o_b2b_reorder_reason",
        },
        {
            content: "Order 5 chairs this time",
            trigger: "tr:contains('Zorblax swivel chair') input[name^='qty_']",
            run: "edit 5",
        },
        {
            content: "Add to cart",
            trigger: "button.o_b2b_reorder_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart holds the chairs",
            trigger: "#cart_products:contains('Zorblax swivel chair')",
        },
        {
            content: "With the new quantity",
            trigger: "#cart_products input.js_quantity:value(5)",
        },
    ],
});
