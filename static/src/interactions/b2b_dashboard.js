import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * The dashboard of /my (F1): the page holds its place and its figures come
 * from GET /my/b2b/dashboard (a read-only request, served by a replica where
 * one is configured) once the page is shown, as Odoo's own portal counters
 * come from /my/counters. The server checks the dashboard permission of the
 * current company; on any other answer the section says so.
 */
export class B2bDashboard extends Interaction {
    static selector = "section.o_b2b_dashboard[data-url]";

    async willStart() {
        let html = null;
        try {
            const response = await this.waitFor(
                fetch(this.el.dataset.url, {
                    credentials: "same-origin",
                    headers: { Accept: "text/html" },
                })
            );
            html = response.ok && !response.redirected ? await this.waitFor(response.text()) : null;
        } catch {
            html = null;
        }
        this.html = html;
    }

    start() {
        this.el.removeAttribute("aria-busy");
        this.el.classList.remove("o_b2b_dashboard_loading");
        if (this.html === null) {
            this.el.querySelector(".o_b2b_dashboard_wait")?.remove();
            this.el.querySelector(".o_b2b_dashboard_error")?.classList.remove("d-none");
            return;
        }
        const doc = new DOMParser().parseFromString(this.html, "text/html");
        this.el.replaceChildren(...doc.body.childNodes);
    }
}

registry.category("public.interactions").add("b2b_portal.dashboard", B2bDashboard);
