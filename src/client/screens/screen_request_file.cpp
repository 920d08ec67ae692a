// The imported request (guide §3 panels 1-3) and the dashboard (§4).
#include "client/field_checks.h"
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

// "1989-05-19" -> "19/05/1989": the hire date field is typed day/month/year in
// either language (its hint says so); dates shown go through domain::formatIsoDate.
std::string fieldDate(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

void DrawPerson(const std::optional<PersonView>& person, const char* titleKey, const std::string& id) {
    if (!person) return;
    const PersonView& p = *person;
    ui::Heading(id, tr(titleKey), 2);
    ui::KeyValue(tr("ui.file.civility"), p.civility);
    ui::KeyValue(tr("ui.file.nationality"), p.nationality);
    ui::KeyValue(tr("ui.file.last_name"), p.lastName);
    ui::KeyValue(tr("ui.file.first_name"), p.firstName);
    ui::KeyValue(tr("ui.file.nir"), p.nir);
    ui::KeyValue(tr("ui.file.birth_date"), domain::formatIsoDate(p.birthDate));
    ui::KeyValue(tr("ui.signup.phone"), domain::formatFrenchPhone(p.phone));
    ui::KeyValue(tr("ui.signup.email"), p.email);
    if (!p.employerSiret.empty()) ui::KeyValue(tr("ui.file.siret"), p.employerSiret);
    ui::Spacer(8);
}

// DSFR-style stepper: "Étape 1 sur 3", a three-segment bar, the next step.
void DrawStepsHeader(int panel) {
    const char* keys[] = {"ui.file.panel1", "ui.file.panel2", "ui.file.panel3"};
    ui::Paragraph(trf("ui.file.step_of", {std::to_string(panel)}), ui::Tone::Mention, ui::fonts().small);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ui::ColumnWidth(), seg = (w - 16) / 3;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        ImVec2 a(p.x + i * (seg + 8), p.y), b(a.x + seg, p.y + 8);
        dl->AddRectFilled(a, b, i < panel ? ui::color::kBlueFrance : ui::color::kBorder, 2.f);
    }
    ImGui::Dummy(ImVec2(w, 12));
    if (panel < 3) ui::Paragraph(trf("ui.file.next_step", {tr(keys[panel])}), ui::Tone::Mention, ui::fonts().small);
    ui::Spacer(8);
}

void DrawPanel1(AppState& s) {
    RequestFileState& r = s.request;
    const RequestFileView& f = *r.file;
    ui::Heading("file.p1.title", tr("ui.file.panel1"), 1);
    ui::Paragraph(trf("ui.file.p1.intro", {f.numeroUnique}));
    ui::Paragraph(tr("ui.file.p1.modify_hint"), ui::Tone::Mention);
    const std::string& site = f.registrationSiteUrl;
    ui::BeginButtonGroup();
    if (ui::Button("file.modify", tr("ui.file.modify"), ui::ButtonKind::Secondary)) s.openExternal = site;
    if (ui::Button("file.refresh", tr("ui.file.refresh"), ui::ButtonKind::Secondary, r.busy)) r.refresh = true;
    ui::EndButtonGroup();
    ui::Spacer(8);
    if (!r.notice.empty()) ui::Notice("file.notice", r.notice, ui::Tone::Success);
    if (!r.error.empty()) ui::Notice("file.error", r.error, ui::Tone::Error);
    ui::Heading("file.situation", tr("ui.file.situation"), 2);
    DrawPerson(f.applicant, "ui.file.applicant", "file.applicant");
    DrawPerson(f.coApplicant, "ui.file.co_applicant", "file.coApplicant");
    ui::Heading("file.household", tr("ui.file.household"), 2);
    ui::KeyValue(tr("ui.file.persons"), std::to_string(f.persons));
    ui::KeyValue(tr("ui.file.dependants"), std::to_string(f.dependants));
    ui::KeyValue(tr("ui.file.family"), f.familySituation);
    ui::KeyValue(tr("ui.file.address"), f.address);
    ui::KeyValue(tr("ui.file.housing"), f.currentHousing);
    ui::KeyValue(tr("ui.file.communes"), f.eligibility.communes);
    ui::KeyValue(tr("ui.file.typologies"), f.typologies);
    ui::KeyValue(tr("ui.file.motive"), f.motive);
    ui::Spacer(16);
    if (ui::Button("file.next1", tr("ui.file.next"))) {
        r.panel = 2;
        s.scrollTop = true;
        r.notice.clear();
        s.announce = tr("ui.file.panel2");
    }
}

void DrawPanel2(AppState& s) {
    RequestFileState& r = s.request;
    const RequestFileView& alin = *r.file;
    if (!r.employerFormLoaded) {
        r.employerName = alin.employerName;
        r.companyCode = alin.companyCode;
        r.matricule = alin.matricule;
        r.hireDate = alin.hireDate.empty() ? "" : fieldDate(alin.hireDate);
        r.cdii = alin.cdii;
        r.attachTo = alin.attachTo;
        if (r.attachTo.empty()) r.attachTo = "applicant";
        r.sharingChoice = alin.sharingChoice;
        r.employerFormLoaded = true;
        for (const char* id : {"file.employerName", "file.companyCode", "file.matricule", "file.hireDate"})
            ui::semantics().bumpValue(id);
    }
    ui::Heading("file.p2.title", tr("ui.file.panel2"), 1);
    ui::Paragraph(tr("ui.file.p2.intro"));
    ui::Spacer(4);
    ui::BeginRadioGroup("file.attach", tr("ui.file.attach"));
    int k = 0;
    for (const AttachOptionView& opt : alin.attachOptions) {
        if (ui::Radio("file.attach." + std::to_string(k++), opt.name, r.attachTo == opt.value)) r.attachTo = opt.value;
    }
    ui::EndRadioGroup();
    ui::Heading("file.company", tr("ui.file.company"), 2);
    // The SIRET of the person ticked above, at once (the registry gives both).
    std::string siret = alin.registrySiret(r.attachTo);
    if (siret.empty() && r.attachTo == alin.attachTo) siret = alin.employerSiret;
    ui::KeyValue(tr("ui.file.siret"), siret);
    if (!r.employerErrors.at("employerSiret").empty())
        ui::Paragraph(r.employerErrors.at("employerSiret"), ui::Tone::Error);
    ui::Paragraph(tr("ui.file.siret_hint"), ui::Tone::Mention, ui::fonts().small);
    ui::Spacer(4);
    if (ui::TextField("file.employerName", tr("ui.file.employer_name"), r.employerName,
                      {.autocomplete = "organization", .error = r.employerErrors.at("employerName"), .required = true}))
        recheckField(r.employerErrors, "employerName", r.employerName);
    if (ui::TextField("file.companyCode", tr("ui.file.company_code"), r.companyCode,
                      {.error = r.employerErrors.at("companyCode")}))
        recheckField(r.employerErrors, "companyCode", r.companyCode);
    if (ui::TextField("file.matricule", tr("ui.file.matricule"), r.matricule,
                      {.hint = tr("ui.file.employer_hint"), .error = r.employerErrors.at("matricule")}))
        recheckField(r.employerErrors, "matricule", r.matricule);
    if (ui::TextField("file.hireDate", tr("ui.file.hire_date"), r.hireDate,
                      {.hint = tr("ui.file.date_hint"), .error = r.employerErrors.at("hireDate")}))
        recheckField(r.employerErrors, "hireDate", r.hireDate);
    ui::BeginRadioGroup("file.cdii", tr("ui.file.cdii"));
    if (ui::Radio("file.cdii.yes", tr("ui.common.yes"), r.cdii == "yes")) r.cdii = "yes";
    if (ui::Radio("file.cdii.no", tr("ui.common.no"), r.cdii == "no")) r.cdii = "no";
    ui::EndRadioGroup();
    ui::Paragraph(tr("ui.file.cdii_hint"), ui::Tone::Mention, ui::fonts().small);
    ui::Spacer(8);
    // "Votre entreprise est validée." only while the form still shows what was validated.
    const bool unchanged =
        r.attachTo == alin.attachTo && r.employerName == alin.employerName && r.employerErrors.byField.empty();
    if (alin.employerValidated && unchanged && !r.employerName.empty())
        ui::Notice("file.employerOk", tr("ui.file.employer_ok"), ui::Tone::Success);
    if (ui::Button("file.validateEmployer", r.busy ? tr("ui.common.wait") : tr("ui.file.validate_employer"),
                   ui::ButtonKind::Primary, r.busy))
        r.submitEmployer = true;
    ui::Spacer(16);
    ui::Heading("file.sharing", tr("ui.file.sharing"), 2);
    ui::Paragraph(tr("ui.file.sharing_intro"));
    ui::BeginRadioGroup("file.sharingChoice", tr("ui.file.sharing_choose"));
    for (int c = 1; c <= 3; ++c) {
        std::string key = "ui.file.choice" + std::to_string(c);
        if (ui::Radio("file.choice" + std::to_string(c), tr(key), r.sharingChoice == c)) {
            r.sharingChoice = c;
            r.submitSharing = true;
        }
    }
    ui::EndRadioGroup();
    if (ui::Link("file.rgpd", tr("ui.file.rgpd"), "#/donnees-personnelles")) Navigate(s, Screen::DataProtection);
    ui::Spacer(16);
    bool ready = alin.employerValidated && alin.sharingChoice > 0;
    ui::BeginButtonGroup();
    if (ui::Button("file.prev2", tr("ui.file.previous"), ui::ButtonKind::Secondary)) r.panel = 1, s.scrollTop = true;
    if (ui::Button("file.next2", tr("ui.file.next"), ui::ButtonKind::Primary, !ready)) {
        r.panel = 3;
        s.scrollTop = true;
        s.announce = tr("ui.file.panel3");
    }
    ui::EndButtonGroup();
    if (!ready) ui::Paragraph(tr("ui.file.p2.missing"), ui::Tone::Mention, ui::fonts().small);
}

const char* kDocKeys[4] = {"identite", "ressources", "avis_imposition", "motif"};

void DrawPanel3(AppState& s) {
    RequestFileState& r = s.request;
    static_assert(sizeof(kDocKeys) / sizeof(kDocKeys[0]) == 4);
    ui::Heading("file.p3.title", tr("ui.file.panel3"), 1);
    ui::Paragraph(tr("ui.file.p3.intro1"));
    ui::Paragraph(tr("ui.file.p3.intro2"));
    ui::Paragraph(tr("ui.file.p3.intro3"));
    const std::string& site = r.file->registrationSiteUrl;
    if (ui::Button("file.deposit", tr("ui.file.deposit"), ui::ButtonKind::Secondary)) s.openExternal = site;
    ui::Spacer(8);
    ui::Notice("file.p3.warning", tr("ui.file.p3.warning"), ui::Tone::Normal);
    // The ticks are the screen's own state (updated at once, saved in the
    // background); they are reset from the file whenever a new one arrives.
    bool all = true;
    for (int i = 0; i < 4; ++i) {
        if (ui::Checkbox(std::string("file.doc.") + kDocKeys[i], tr(std::string("ui.file.doc.") + kDocKeys[i]),
                         r.docs[i]))
            r.submitDocs = true;
        all = all && r.docs[i];
    }
    ui::Spacer(12);
    if (!r.error.empty()) ui::Notice("file.error", r.error, ui::Tone::Error);
    ui::BeginButtonGroup();
    if (ui::Button("file.prev3", tr("ui.file.previous"), ui::ButtonKind::Secondary)) r.panel = 2, s.scrollTop = true;
    // Validation waits for the ticks to be saved (the server checks them).
    if (ui::Button("file.validate", r.busy ? tr("ui.common.wait") : tr("ui.file.validate"), ui::ButtonKind::Primary,
                   !all || r.busy || r.docsPending > 0))
        r.submitValidate = true;
    ui::EndButtonGroup();
    if (!all) ui::Paragraph(tr("ui.file.p3.missing"), ui::Tone::Mention, ui::fonts().small);
}

// "Mon éligibilité" (issue 11 item 13): the one sentence that matters first, then
// per zone a table loan x ceiling x your income with ✓/✗, what each acronym means,
// and the household, typology and rent-effort lines.
void DrawEligibility(const EligibilityView& e) {
    if (!e.summary.empty()) ui::Paragraph(e.summary, ui::Tone::Normal, ui::fonts().bold);
    int z = 0;
    for (const EligibilityZoneView& zone : e.zones) {
        const std::string zid = "dashboard.zone" + std::to_string(z++);
        ui::Paragraph(zone.label, ui::Tone::Mention, ui::fonts().small);
        const float w = ui::ColumnWidth();
        // Column heads, then one row per loan; each row is mirrored as one item.
        const float col[3] = {0.f, w * 0.28f, w * 0.58f};
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::PushFont(ui::fonts().bold);
        dl->AddText(ImVec2(p.x + col[0] + 24, p.y), ui::color::kText, tr("eligibility.table.loan_header"));
        dl->AddText(ImVec2(p.x + col[1] + 24, p.y), ui::color::kText, tr("eligibility.table.ceiling_header"));
        dl->AddText(ImVec2(p.x + col[2] + 24, p.y), ui::color::kText, e.incomeHeader.c_str());
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(w, ImGui::GetFontSize() + 6));
        int k = 0;
        // The rows are a list (one item per loan) named by the zone.
        ui::BeginList(zid + ".list", zone.label);
        for (const EligibilityRowView& row : zone.rows) {
            const bool ok = row.eligible;
            const ImVec2 r = ImGui::GetCursorScreenPos();
            const float rowH = ImGui::GetFontSize() + 8;
            const ImU32 tone = ok ? ui::color::kSuccess : ui::color::kError;
            ImGui::PushFont(ui::fonts().bold);
            dl->AddText(r, tone, ok ? "\xE2\x9C\x93" : "\xE2\x9C\x97");  // the check or cross mark
            dl->AddText(ImVec2(r.x + col[0] + 24, r.y), ui::color::kText, row.loan.c_str());
            ImGui::PopFont();
            dl->AddText(ImVec2(r.x + col[1] + 24, r.y), ui::color::kText, row.ceilingText.c_str());
            dl->AddText(ImVec2(r.x + col[2] + 24, r.y), tone, row.incomeText.c_str());
            ImGui::Dummy(ImVec2(w, rowH));
            // One list item per row for assistive technology: "✓ PLUS : plafond …, vos revenus …".
            ui::Semantics& sem = ui::semantics();
            if (!sem.modalBlocks(sem.currentContainer())) {
                const std::string name = std::string(ok ? "\xE2\x9C\x93 " : "\xE2\x9C\x97 ") +
                                         trf("eligibility.table.row", {row.loan, row.ceilingText, row.incomeText});
                ui::SemNode& n = sem.add(zid + ".row" + std::to_string(k++), ui::Role::ListItem, name);
                n.checked = ok;
                n.description = ok ? tr("ui.widget.rule_met") : tr("ui.widget.rule_unmet");
                n.x = r.x;
                n.y = r.y;
                n.w = w;
                n.h = rowH;
            }
        }
        ui::EndList();
        ui::Spacer(8);
    }
    for (const std::string& loan : e.loans) ui::Paragraph(loan, ui::Tone::Mention, ui::fonts().small);
    ui::Spacer(4);
    // The other lines: household category first, then typology and rent effort
    // (the per-loan income lines are the table above).
    for (const std::string& sentence : e.sentences) ui::Paragraph(sentence);
}

void DrawFileDashboard(AppState& s) {
    RequestFileState& r = s.request;
    const RequestFileView& f = *r.file;
    ui::Heading("dashboard.title", trf("ui.dashboard.hello", {f.applicant ? f.applicant->firstName : std::string()}),
                1);
    if (!r.notice.empty()) ui::Notice("file.notice", r.notice, ui::Tone::Success);
    if (!r.error.empty()) ui::Notice("file.error", r.error, ui::Tone::Error);
    if (!r.identityMismatch.empty()) {
        ui::Notice("file.mismatch", r.identityMismatch, ui::Tone::Error);
        if (ui::Button("file.mismatchDelete", tr("ui.file.delete_reimport"), ui::ButtonKind::Primary))
            r.confirmDelete = true;
        ui::Spacer(8);
    }
    ui::Heading("dashboard.request", tr("ui.dashboard.request"), 2);
    ui::KeyValue(tr("ui.file.nu"), f.numeroUnique);
    ui::KeyValue(tr("ui.file.created_on"), domain::formatIsoDate(f.createdOn));
    ui::KeyValue(tr("ui.file.state"), f.validated ? tr("ui.file.state_validated") : tr("ui.file.state_incomplete"));
    if (f.refreshedAt) ui::KeyValue(tr("ui.file.refreshed_at"), domain::formatDateTime(*f.refreshedAt));
    ui::Spacer(8);
    ui::BeginButtonGroup();
    if (ui::Button("dashboard.refresh", r.busy ? tr("ui.common.wait") : tr("ui.file.refresh"),
                   ui::ButtonKind::Secondary, r.busy))
        r.refresh = true;
    if (ui::Button("dashboard.view", tr("ui.dashboard.view"), ui::ButtonKind::Tertiary))
        r.panel = 1, r.reviewPanels = true;
    ui::EndButtonGroup();
    ui::Spacer(12);
    ui::Heading("dashboard.elig", tr("ui.dashboard.eligibility"), 2);
    DrawEligibility(f.eligibility);
    ui::Spacer(12);
    DrawResources(s);
    ui::Spacer(12);
    ui::BeginButtonGroup();
    if (ui::Button("dashboard.offers", tr("ui.nav.offers"))) Navigate(s, Screen::Offers);
    if (ui::Button("dashboard.applications", tr("ui.nav.applications"), ui::ButtonKind::Secondary))
        Navigate(s, Screen::Applications);
    ui::EndButtonGroup();
    ui::Spacer(16);
    ui::Heading("dashboard.sharing", tr("ui.file.sharing"), 2);
    ui::BeginRadioGroup("dashboard.sharingChoice", tr("ui.file.sharing_choose"));
    for (int c = 1; c <= 3; ++c) {
        if (ui::Radio("dashboard.choice" + std::to_string(c), tr("ui.file.choice" + std::to_string(c)),
                      r.sharingChoice == c)) {
            r.sharingChoice = c;
            r.submitSharing = true;
        }
    }
    ui::EndRadioGroup();
    ui::Spacer(16);
    if (ui::Button("dashboard.delete", tr("ui.file.delete"), ui::ButtonKind::Tertiary)) r.confirmDelete = true;
}

void DrawDialogs(AppState& s) {
    RequestFileState& r = s.request;
    if (r.confirmDelete) {
        if (ui::BeginDialog("file.deleteDialog", tr("ui.file.delete_title"))) {
            ui::Paragraph(tr("ui.file.delete_body"));
            ui::Spacer(8);
            ui::BeginButtonGroup();
            if (ui::Button("file.deleteConfirm", tr("ui.file.delete_confirm"))) {
                r.confirmDelete = false;
                r.doDelete = true;
            }
            if (ui::Button("file.deleteCancel", tr("common.cancel"), ui::ButtonKind::Secondary) || ui::DialogEscape())
                r.confirmDelete = false;
            ui::EndButtonGroup();
            ui::EndDialog();
        }
    }
    if (r.legacyDialog) {
        if (ui::BeginDialog("file.legacyDialog", tr("ui.file.legacy_title"))) {
            ui::Paragraph(tr("ui.file.legacy_body"));
            ui::Paragraph(trf("ui.file.legacy_nu", {r.file ? r.file->numeroUnique : std::string()}), ui::Tone::Normal,
                          ui::fonts().bold);
            if (!r.legacyCodeSent) {
                if (ui::Button("file.legacyConfirm", r.busy ? tr("ui.common.wait") : tr("ui.file.confirm"),
                               ui::ButtonKind::Primary, r.busy))
                    r.sendLegacyCode = true;
            } else {
                ui::Paragraph(tr("ui.import.code_intro"));
                ui::TextField("file.legacyCode", tr("ui.import.code"), r.legacyCode,
                              {.autocomplete = "one-time-code",
                               .error = r.legacyErrors.at("code"),
                               .required = true,
                               .digitPad = true});
                ui::Paragraph(trf("ui.import.code_sent", {r.legacyMasked}), ui::Tone::Mention, ui::fonts().small);
                if (ui::FieldSubmitted("file.legacyCode")) r.submitLegacyCode = true;
                ui::BeginButtonGroup();
                if (ui::Button("file.legacySubmit", tr("ui.password.submit"), ui::ButtonKind::Primary, r.busy))
                    r.submitLegacyCode = true;
                if (ui::Button("file.legacyResend", tr("ui.import.new_code"), ui::ButtonKind::Secondary, r.busy))
                    r.sendLegacyCode = true;
                ui::EndButtonGroup();
            }
            ui::Spacer(8);
            if (ui::Button("file.legacyCancel", tr("common.cancel"), ui::ButtonKind::Tertiary)) {
                r.legacyDialog = false;
                r.legacyCodeSent = false;
                r.legacyCode.clear();
            }
            ui::EndDialog();
        }
    }
}

}  // namespace

void DrawDashboard(AppState& s) {
    RequestFileState& r = s.request;
    ui::BeginColumn(760);
    if (!s.user || !r.loaded) {
        ui::Heading("dashboard.loading", tr("app.loading"), 1);
        ui::EndColumn();
        return;
    }
    if (!r.file) {
        ui::Heading("dashboard.title", trf("ui.dashboard.hello", {s.user->firstName}), 1);
        DrawImport(s);
    } else if (!r.file->validated || r.file->step < 4 || r.reviewPanels) {
        DrawStepsHeader(r.panel);
        if (r.panel == 1)
            DrawPanel1(s);
        else if (r.panel == 2)
            DrawPanel2(s);
        else
            DrawPanel3(s);
    } else {
        DrawFileDashboard(s);
    }
    ui::EndColumn();
    DrawDialogs(s);
}

}  // namespace alin::client
