// "Importer sa demande de logement social" (guide §3): Numéro Unique, the
// e-mailed code, and the department picker for those without a number.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"
#include "reference/geography.h"

namespace alin::client {

namespace {

void DrawDepartmentPicker(AppState& s) {
    RequestFileState& r = s.request;
    ui::Heading("import.noNu.title", tr("ui.import.no_nu_title"), 2);
    if (r.departments.empty()) {
        r.departmentsRequested = true;
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        return;
    }
    // Options: departments whose code or name contains the query, ignoring case,
    // accents, hyphens and apostrophes ("herault" finds Hérault), as the geography search.
    std::vector<std::string> options;
    std::vector<int> indices;
    const std::string q = geoSearchKey(r.departmentQuery);
    for (size_t i = 0; i < r.departments.size(); ++i) {
        const Department& d = r.departments[i];
        std::string label = trf("ui.import.department_option", {d.code, d.name});
        if (q.empty() || geoSearchKey(d.code + " " + d.name).find(q) != std::string::npos) {
            options.push_back(label);
            indices.push_back(static_cast<int>(i));
        }
    }
    ui::ComboState combo{r.departmentQuery, r.departmentOpen, r.departmentHighlighted};
    int chosen = ui::SearchCombo("import.department", tr("ui.import.department"), combo, options,
                                 tr("ui.import.department_hint"));
    // A new query forgets the department chosen before (its site no longer matches the field).
    if (combo.query != r.departmentQuery && chosen < 0) r.departmentChosen = -1;
    r.departmentQuery = combo.query;
    r.departmentOpen = combo.open;
    r.departmentHighlighted = combo.highlighted;
    if (chosen >= 0) {
        r.departmentChosen = indices[chosen];
        s.announce = tr("ui.import.site_result");
    } else if (options.empty() && !q.empty()) {
        ui::Paragraph(tr("ui.import.department_none"), ui::Tone::Error, nullptr, "import.department.none");
    }
    if (r.departmentChosen >= 0 && r.departmentChosen < static_cast<int>(r.departments.size()) && !r.departmentOpen) {
        const Department& d = r.departments[r.departmentChosen];
        ui::Heading("import.result", tr("ui.import.result"), 2);
        ui::Paragraph(tr("ui.import.site_result"));
        ui::Link("import.site", d.siteUrl, d.siteUrl);
        ui::Spacer(8);
        ui::Notice("import.site.warning", tr("ui.import.site_warning"), ui::Tone::Normal);
    }
}

}  // namespace

void DrawImport(AppState& s) {
    RequestFileState& r = s.request;
    ui::Heading("import.title", tr("ui.import.title"), 2);
    ui::Paragraph(tr("ui.import.intro"));
    ui::Spacer(8);
    if (!r.error.empty()) ui::Notice("import.error", r.error, ui::Tone::Error);
    if (!r.codeSent) {
        ui::TextField("import.nu", tr("ui.import.nu"), r.nu,
                      {.hint = tr("ui.import.nu_hint"),
                       .error = r.importErrors.at("numeroUnique"),
                       .required = true,
                       .digitPad = true});
        bool submit = ui::Button("import.submit", r.busy ? tr("ui.common.wait") : tr("ui.import.validate"),
                                 ui::ButtonKind::Primary, r.busy);
        if (ui::FieldSubmitted("import.nu")) submit = true;
        if (submit && !r.busy) r.submitNu = true;
        ui::Spacer(16);
        if (ui::Disclosure("import.noNu", tr("ui.import.no_nu_link"), r.showDepartments)) {
            r.showDepartments = !r.showDepartments;
            if (r.showDepartments) ui::semantics().requestFocus("import.department");
        }
        ui::Spacer(8);
        if (r.showDepartments) DrawDepartmentPicker(s);
        return;
    }
    // The code step.
    ui::Notice("import.codeSent", trf("ui.import.code_sent", {r.maskedEmail}), ui::Tone::Success);
    ui::Paragraph(tr("ui.import.code_intro"));
    ui::TextField(
        "import.code", tr("ui.import.code"), r.code,
        {.autocomplete = "one-time-code", .error = r.importErrors.at("code"), .required = true, .digitPad = true});
    bool submit = ui::Button("import.codeSubmit", r.busy ? tr("ui.common.wait") : tr("ui.password.submit"),
                             ui::ButtonKind::Primary, r.busy);
    if (ui::FieldSubmitted("import.code")) submit = true;
    if (submit && !r.busy) r.submitCode = true;
    ui::Spacer(8);
    ui::Paragraph(tr("ui.import.code_where"), ui::Tone::Mention);
    ui::BeginButtonGroup();
    if (ui::Button("import.newCode", tr("ui.import.new_code"), ui::ButtonKind::Secondary, r.busy)) {
        r.code.clear();
        ui::semantics().bumpValue("import.code");
        r.submitNu = true;
    }
    if (ui::Button("import.otherNu", tr("ui.import.other_nu"), ui::ButtonKind::Tertiary)) {
        r.codeSent = false;
        r.code.clear();
        r.importErrors.clear();
    }
    ui::EndButtonGroup();
    if (s.devMailbox) {
        ui::Spacer(8);
        if (ui::Link("import.mailbox", tr("nav.mailbox"), "#/boite-mail")) {
            s.mailbox.address.clear();
            Navigate(s, Screen::Mailbox);
        }
    }
}

}  // namespace alin::client
