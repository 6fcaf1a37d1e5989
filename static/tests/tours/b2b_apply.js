import { registry } from "@web/core/registry";

// A1: a prospect applies for a B2B account on the public page (reached from the
// login page) and sees the confirmation.
registry.category("web_tour.tours").add("b2b_portal_apply", {
    url: "/web/login",
    steps: () => [
        {
            content: "The login page offers to apply",
            trigger: "a.o_b2b_apply_link",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: "input[name='company_name']", run: "edit Tour Tiles Ltd" },
        { trigger: "input[name='vat']", run: "edit BE0477472701" },
        { trigger: "input[name='street']", run: "edit Rue de la Loi 16" },
        { trigger: "input[name='zip']", run: "edit 1000" },
        { trigger: "input[name='city']", run: "edit Brussels" },
        { trigger: "select[name='country_id']", run: "selectByLabel Belgium" },
        { trigger: "input[name='contact_name']", run: "edit Tina Tour" },
        { trigger: "input[name='email']", run: "edit tina@tour-tiles.example.com" },
        { trigger: "input[name='phone']", run: "edit +32 2 555 00 00" },
        { trigger: "textarea[name='message']", run: "edit We sell tiles in Brussels." },
        {
            content: "Send the application",
            trigger: "button.o_b2b_apply_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The applicant is thanked",
            trigger: ".o_b2b_apply_thanks h1",
        },
    ],
});

// A2 (after the staff approved in test code): the applicant opens the link of the
// credentials e-mail, chooses a password, logs in and lands in the B2B portal.
registry.category("web_tour.tours").add("b2b_portal_apply_set_password", {
    steps: () => [
        { trigger: "input[name='password']", run: "edit Tour-Tiles-2026!" },
        { trigger: "input[name='confirm_password']", run: "edit Tour-Tiles-2026!" },
        {
            content: "Set the password",
            trigger: ".oe_reset_password_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The password is set",
            trigger: ".oe_login_form .alert-success",
        },
        {
            trigger: ".oe_login_form a[href='/web/login']",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: "input[name='login']", run: "edit tina@tour-tiles.example.com" },
        { trigger: "input[name='password']", run: "edit Tour-Tiles-2026!" },
        {
            trigger: ".oe_login_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The portal acts for the new customer company",
            trigger: ".o_b2b_current_company:contains('Tour Tiles Ltd')",
        },
        {
            content: "The portal home offers the documents",
            trigger: ".o_portal_my_home a[href='/my/documents']",
        },
    ],
});
