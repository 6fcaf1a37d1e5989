import { registry } from "@web/core/registry";

// U11: a buyer signs a quotation above their limit per order: it is not confirmed
// but waits for approval, and the page says who approves it.
registry.category("web_tour.tours").add("b2b_portal_approval_buyer", {
    steps: () => [
        {
            content: "Wait for the page to be ready",
            trigger: "body[is-ready=true]",
        },
        {
            content: "Accept & sign the quotation",
            trigger: ".o_portal_sale_sidebar .btn-primary:contains(Sign)",
            run: "click",
        },
        {
            content: "Sign with the typed name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "fill Ada Alpha",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Submit the signature",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order waits for approval, by the approver of the company",
            trigger: ".o_b2b_waiting_approval:contains(Arda Approver)",
        },
    ],
});

// U11: the approver opens the queue from the home page and approves the order.
registry.category("web_tour.tours").add("b2b_portal_approval_approver", {
    steps: () => [
        {
            content: "Open the approval queue from the home tile",
            trigger: "a[href='/my/b2b/approvals']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the waiting order",
            trigger: ".o_b2b_approval_row:contains(TOUR-APPROVAL) a.o_b2b_open_approval",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Say why",
            trigger: "#b2b_approve_comment",
            run: "edit Needed for the new warehouse",
        },
        {
            content: "Approve and confirm",
            trigger: "button.o_b2b_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The queue confirms it",
            trigger: ".o_b2b_approval_message:contains(approved and confirmed)",
        },
        {
            content: "Nothing left to approve",
            trigger: ".o_b2b_no_approvals",
        },
    ],
});
