import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * Loading feedback on uploads and long exports (issue 8, "a portal that looks
 * finished"): a form with a file input (RMA photos, quick order upload, support
 * attachments) or the class ``o_b2b_busy_form`` disables its submit buttons and
 * shows a spinner once the browser submits it; PDF/Excel export links
 * (``o_b2b_busy`` or the statement buttons) show a spinner while the file is
 * prepared. Purely cosmetic: the server never relies on it.
 */
const SPINNER_HTML =
    '<span class="spinner-border spinner-border-sm me-1 o_b2b_spinner" aria-hidden="true"></span>';
// a download does not navigate away: give the link back after a while
const EXPORT_RESET_DELAY = 8000;

function markBusy(el) {
    if (el.classList.contains("o_b2b_is_busy")) {
        return;
    }
    el.classList.add("o_b2b_is_busy", "disabled");
    el.setAttribute("aria-disabled", "true");
    if (el.tagName === "BUTTON") {
        el.disabled = true;
    }
    el.insertAdjacentHTML("afterbegin", SPINNER_HTML);
}

function unmarkBusy(el) {
    el.classList.remove("o_b2b_is_busy", "disabled");
    el.removeAttribute("aria-disabled");
    if (el.tagName === "BUTTON") {
        el.disabled = false;
    }
    el.querySelectorAll(".o_b2b_spinner").forEach((spinner) => spinner.remove());
}

export class B2bBusyForm extends Interaction {
    static selector = "#wrap form:has(input[type='file']), form.o_b2b_busy_form";
    dynamicContent = {
        _root: { "t-on-submit": this.onSubmit },
        // back button: the page may come back from the cache with busy buttons
        _window: { "t-on-pageshow": this.reset },
    };

    get buttons() {
        return this.el.querySelectorAll("button[type='submit'], button:not([type])");
    }

    onSubmit(ev) {
        // let the browser collect the submitter's name/value first
        this.waitForTimeout(() => {
            if (!ev.defaultPrevented) {
                this.el.setAttribute("aria-busy", "true");
                this.buttons.forEach(markBusy);
            }
        }, 0);
    }

    reset() {
        this.el.removeAttribute("aria-busy");
        this.buttons.forEach(unmarkBusy);
    }
}

export class B2bBusyExport extends Interaction {
    static selector =
        "a.o_b2b_busy, a.o_b2b_statement_pdf, a.o_b2b_statement_xlsx";
    dynamicContent = {
        _root: { "t-on-click": this.onClick },
        _window: { "t-on-pageshow": this.reset },
    };

    onClick(ev) {
        if (this.el.classList.contains("o_b2b_is_busy")) {
            ev.preventDefault();
            return;
        }
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || this.el.target === "_blank") {
            return;
        }
        this.waitForTimeout(() => markBusy(this.el), 0);
        this.waitForTimeout(() => this.reset(), EXPORT_RESET_DELAY);
    }

    reset() {
        unmarkBusy(this.el);
    }
}

registry.category("public.interactions").add("b2b_portal.busy_form", B2bBusyForm);
registry.category("public.interactions").add("b2b_portal.busy_export", B2bBusyExport);
