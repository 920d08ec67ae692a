#include "client/field_checks.h"
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawSignup(AppState& s) {
    SignupForm& f = s.signup;
    ui::BeginColumn(560);
    ui::Heading("signup.title", tr("ui.signup.title"), 1);
    ui::Paragraph(tr("common.required_hint"), ui::Tone::Mention);
    ui::Spacer(8);
    if (!f.errors.general.empty()) ui::Notice("signup.error", f.errors.general, ui::Tone::Error);
    if (ui::TextField("signup.birthName", tr("ui.signup.birth_name"), f.birthName,
                      {.autocomplete = "family-name", .error = f.errors.at("birthName"), .required = true}))
        recheckField(f.errors, "birthName", f.birthName);
    if (ui::TextField("signup.firstName", tr("ui.signup.first_name"), f.firstName,
                      {.autocomplete = "given-name", .error = f.errors.at("firstName"), .required = true}))
        recheckField(f.errors, "firstName", f.firstName);
    if (ui::TextField("signup.phone", tr("ui.signup.phone"), f.phone,
                      {.inputType = "tel",
                       .autocomplete = "tel",
                       .hint = tr("ui.signup.phone_hint"),
                       .error = f.errors.at("phone"),
                       .required = true}))
        recheckField(f.errors, "phone", f.phone);
    if (ui::TextField("signup.email", tr("ui.signup.email"), f.email,
                      {.inputType = "email",
                       .autocomplete = "email",
                       .hint = tr("ui.signup.email_hint"),
                       .error = f.errors.at("email"),
                       .required = true}))
        recheckField(f.errors, "email", f.email);
    if (ui::Checkbox("signup.consent", tr("ui.signup.consent"), f.consent, f.errors.at("consent")))
        recheckTicked(f.errors, "consent", f.consent);
    if (ui::Link("signup.dataNotice", tr("ui.signup.data_link"), "#/donnees-personnelles"))
        Navigate(s, Screen::DataProtection);
    ui::Spacer(16);
    bool submit = ui::Button("signup.submit", f.busy ? tr("ui.common.wait") : tr("ui.signup.submit"),
                             ui::ButtonKind::Primary, f.busy, ui::ColumnWidth());
    if (submit && !f.busy) f.submit = true;
    ui::Spacer(8);
    if (ui::Link("signup.toLogin", tr("ui.signup.have_account"), "#/connexion")) Navigate(s, Screen::Login);
    ui::EndColumn();
}

void DrawSignupSent(AppState& s) {
    ui::BeginColumn(640);
    ui::Heading("sent.title", tr("ui.sent.title"), 1);
    ui::Notice("sent.notice", trf("ui.sent.body", {s.signup.sentTo}), ui::Tone::Success);
    ui::Paragraph(tr("ui.sent.expiry"));
    ui::Paragraph(tr("ui.sent.spam"), ui::Tone::Mention);
    ui::Spacer(16);
    if (s.devMailbox) {
        if (s.demo) ui::Paragraph(tr("ui.sent.demo"));  // "En mode démonstration…": that mode only
        if (ui::Button("sent.mailbox", tr("nav.mailbox"), ui::ButtonKind::Primary)) Navigate(s, Screen::Mailbox);
        ui::Spacer(8);
    }
    if (ui::Link("sent.resend", tr("ui.sent.resend"), "#/mot-de-passe-oublie")) {
        s.forgot = ForgotForm{};
        s.forgot.email = s.signup.sentTo;
        Navigate(s, Screen::ForgotPassword);
    }
    ui::Spacer(8);
    if (ui::Link("sent.login", tr("ui.sent.to_login"), "#/connexion")) Navigate(s, Screen::Login);
    ui::EndColumn();
}

}  // namespace alin::client
