import { registry } from "@web/core/registry";

// A person with one login for two customer companies chooses the company they act
// for, sees its orders only, switches from the header bar and sees the other's.
registry.category("web_tour.tours").add("b2b_portal_company_switch", {
    url: "/my/orders",
    steps: () => [
        {
            content: "The chooser lists both companies; act for Alpha",
            trigger: ".o_b2b_choose_company[data-company='Alpha Build Ltd']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The header names the current company",
            trigger: ".o_b2b_current_company:contains('Alpha Build Ltd')",
        },
        {
            content: "Alpha's order is listed",
            trigger: ".o_portal_my_doc_table a:contains('TOUR-ALPHA')",
        },
        {
            content: "Beta's order is not",
            trigger: ".o_portal_my_doc_table:not(:contains('TOUR-BETA'))",
        },
        {
            content: "Switch company from the header",
            trigger: "a.o_b2b_switch_company",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Act for Beta",
            trigger: ".o_b2b_choose_company[data-company='Beta Metal GmbH']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The header names Beta",
            trigger: ".o_b2b_current_company:contains('Beta Metal GmbH')",
        },
        {
            content: "Beta's order is listed",
            trigger: ".o_portal_my_doc_table a:contains('TOUR-BETA')",
        },
        {
            content: "Alpha's order is not",
            trigger: ".o_portal_my_doc_table:not(:contains('TOUR-ALPHA'))",
        },
    ],
});
