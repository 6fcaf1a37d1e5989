import { registry } from "@web/core/registry";

// Quick order: paste three lines (one with a typo), see the error on its line, fix it,
// check again, add the valid lines to the cart and check out as the current company.
registry.category("web_tour.tours").add("b2b_portal_quick_order", {
    url: "/my/quick_order",
    steps: () => [
        {
            content: "Paste three lines from a spreadsheet, one SKU mistyped",
            trigger: "textarea.o_b2b_quick_order_text",
            async run(helpers) {
                await helpers.edit("ZB-CHAIR\t2\nZB-STOL;1\nZB-LAMP,3");
            },
        },
        {
            content: "Check the lines",
            trigger: "button.o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The mistyped SKU is reported on its line",
            trigger: ".o_b2b_line_error:contains('ZB-STOL'):contains('Unknown SKU')",
        },
        {
            content: "Nothing was added yet: the valid lines wait for a confirmation",
            trigger: "button.o_b2b_quick_order_confirm:contains('2')",
        },
        {
            content: "Fix the SKU",
            trigger: "textarea.o_b2b_quick_order_text",
            async run(helpers) {
                await helpers.edit("ZB-CHAIR\t2\nZB-STOOL;1\nZB-LAMP,3");
            },
        },
        {
            content: "Check again",
            trigger: "button.o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "All lines are valid",
            trigger: ".o_b2b_quick_order_summary.text-success",
        },
        {
            content: "Add the three lines to the cart",
            trigger: "button.o_b2b_quick_order_confirm:contains('3')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart holds the stool",
            trigger: "#cart_products:contains('Zorblax stool')",
        },
        {
            content: "Check out",
            trigger: "a[name='website_sale_main_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Continue to the order confirmation",
            trigger: "a[name='website_sale_main_button'][href='/shop/payment']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Enter our purchase order reference",
            trigger: "input[name='client_order_ref']",
            run: "edit PO-TOUR-7",
        },
        {
            content: "Place the order on account",
            trigger: "button.o_b2b_place_order_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is confirmed",
            trigger: "#introduction:contains('Sales Order')",
        },
    ],
});
