import { registry } from "@web/core/registry";

// A B2B buyer requests the return of two lines of their newest invoice and sees
// the request submitted.
registry.category("web_tour.tours").add("b2b_portal_rma_request", {
    url: "/my/rma",
    steps: () => [
        {
            content: "Open the request form",
            trigger: "a.o_b2b_rma_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the newest invoice",
            trigger: "select[name='invoice_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Show its lines",
            trigger: "button.o_b2b_rma_show_lines",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The returnable maximum is shown",
            trigger: ".o_b2b_rma_new_lines tr[data-product='B2B-BOLT'] .o_b2b_rma_max:contains('5.00')",
        },
        {
            content: "Return 2 bolts",
            trigger: ".o_b2b_rma_new_lines tr[data-product='B2B-BOLT'] input.o_b2b_rma_qty",
            run: "edit 2",
        },
        {
            content: "and 1 hinge",
            trigger: ".o_b2b_rma_new_lines tr[data-product='B2B-HINGE'] input.o_b2b_rma_qty",
            run: "edit 1",
        },
        {
            content: "Choose the problem",
            trigger: "select[name='reason_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Describe it",
            trigger: "textarea[name='description']",
            run: "edit The boxes arrived crushed.",
        },
        {
            content: "Submit",
            trigger: "button.o_b2b_rma_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is confirmed",
            trigger: ".o_b2b_rma_submitted",
        },
        {
            content: "and submitted",
            trigger: ".o_b2b_rma_state[data-state='submitted']",
        },
    ],
});
