# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "B2B Portal",
    "summary": "B2B users per customer company, permissions, shared logins "
    "and a company switcher on top of Odoo's customer portal",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "b2b_portal contributors",
    "website": "https://github.com/b2b-portal/b2b_portal",
    "depends": [
        "portal",
        "sale_management",
        "sale_stock",
        "account",
        "website_sale",
        "crm",
    ],
    "data": [
        "security/b2b_portal_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_type_data.xml",
        "wizard/b2b_grant_wizard_views.xml",
        "views/b2b_profile_views.xml",
        "views/b2b_access_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/b2b_portal_templates.xml",
        "views/sale_order_approval_views.xml",
        "views/b2b_admin_portal_templates.xml",
        "views/b2b_approval_portal_templates.xml",
        "views/b2b_portal_menus.xml",
    ],
    "demo": [
        "demo/b2b_portal_demo.xml",
        "demo/admin_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "b2b_portal/static/src/scss/b2b_portal.scss",
        ],
        "web.assets_tests": [
            "b2b_portal/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": True,
}
