#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawLogin(AppState& s) {
    LoginForm& f = s.login;
    ui::BeginColumn(560);
    ui::Heading("login.title", tr("ui.login.title"), 1);
    ui::Paragraph(tr("ui.login.intro"), ui::Tone::Mention);
    ui::Spacer(8);
    if (!f.notice.empty()) ui::Notice("login.notice", f.notice, ui::Tone::Normal);
    if (!f.errors.general.empty()) ui::Notice("login.error", f.errors.general, ui::Tone::Error);
    ui::TextField("login.email", tr("ui.login.email"), f.email,
                  {.inputType = "email", .autocomplete = "username", .error = f.errors.at("email")});
    ui::TextField("login.password", tr("ui.login.password"), f.password,
                  {.inputType = "password", .autocomplete = "current-password", .error = f.errors.at("password")});
    if (ui::Link("login.forgot", tr("ui.login.forgot"), "#/mot-de-passe-oublie")) Navigate(s, Screen::ForgotPassword);
    ui::Spacer(12);
    bool submit = ui::Button("login.submit", f.busy ? tr("ui.common.wait") : tr("ui.login.submit"),
                             ui::ButtonKind::Primary, f.busy, ui::ColumnWidth());
    if (ui::FieldSubmitted("login.email") || ui::FieldSubmitted("login.password")) submit = true;
    if (submit && !f.busy) f.submit = true;
    ui::Spacer(24);
    ui::Separator();
    ui::Spacer(16);
    ui::Heading("login.new", tr("ui.login.no_account"), 2);
    if (ui::Button("login.signup", tr("ui.login.create"), ui::ButtonKind::Secondary, false, ui::ColumnWidth()))
        Navigate(s, Screen::Signup);
    if (s.demo) {
        // The demo accounts (docs/applications-api.md), one click each.
        struct DemoAccount {
            const char* id;
            const char* labelKey;
            const char* email;
            const char* password;
        };
        static const DemoAccount kAccounts[] = {
            {"login.demo.applicant", "ui.login.demo_applicant", "anne.porte@example.fr", "Logement2026"},
            {"login.demo.advisor", "ui.login.demo_advisor", "conseiller@actionlogement.example", "Conseiller2026"},
            {"login.demo.landlord", "ui.login.demo_landlord", "bailleur@parishabitat.example", "Bailleur2026"},
            {"login.demo.employer", "ui.login.demo_employer", "employeur@entreprise.example", "Employeur2026"},
        };
        ui::Spacer(24);
        ui::Heading("login.demo", tr("ui.login.demo_title"), 2);
        ui::Paragraph(tr("ui.login.demo_intro"), ui::Tone::Mention);
        for (const auto& a : kAccounts) {
            ui::Paragraph(trf("ui.login.demo_account", {tr(a.labelKey), a.email, a.password}), ui::Tone::Normal,
                          ui::fonts().small);
            if (ui::Button(a.id, trf("ui.login.demo_use", {tr(a.labelKey)}), ui::ButtonKind::Tertiary)) {
                f.email = a.email;
                f.password = a.password;
                ui::semantics().bumpValue("login.email");
                ui::semantics().bumpValue("login.password");
                f.submit = true;
            }
        }
    }
    ui::EndColumn();
}

}  // namespace alin::client
