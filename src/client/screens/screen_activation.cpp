// The e-mailed link (activation or reset): "Dernière étape avant la validation
// de votre compte", then "Mise à jour du mot de passe" with the live checklist.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/password_policy.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

void DrawLinkProblem(AppState& s) {
    PasswordForm& f = s.password;
    ui::Heading("link.title", tr("ui.link.problem_title"), 1);
    ui::Notice("link.error", f.errors.general.empty() ? tr("ui.link.invalid") : f.errors.general.c_str(),
               ui::Tone::Error);
    ui::Paragraph(tr("ui.link.ask_new"));
    ui::Spacer(8);
    if (ui::Button("link.new", tr("ui.link.new_button"), ui::ButtonKind::Primary)) {
        s.forgot = ForgotForm{};
        Navigate(s, Screen::ForgotPassword);
    }
}

void DrawPasswordForm(AppState& s) {
    PasswordForm& f = s.password;
    ui::Heading("password.title", tr("ui.password.title"), 1);
    ui::Paragraph(f.purpose == "reset" ? tr("ui.password.intro_reset") : tr("ui.password.intro"));
    if (!f.maskedEmail.empty()) ui::Paragraph(trf("ui.password.account", {f.maskedEmail}), ui::Tone::Mention);
    ui::Spacer(8);
    if (!f.errors.general.empty()) ui::Notice("password.error", f.errors.general, ui::Tone::Error);
    ui::TextField("password.new", tr("ui.password.new"), f.password,
                  {.inputType = "password", .autocomplete = "new-password", .error = f.errors.at("password")});
    ui::TextField("password.confirm", tr("ui.password.confirm"), f.confirmation,
                  {.inputType = "password", .autocomplete = "new-password", .error = f.errors.at("confirmation")});

    // The same rules the server enforces, ticked live.
    domain::PasswordCheck check = domain::checkPassword(f.password, f.confirmation, f.email);
    ui::Paragraph(tr("ui.password.rules_intro"), ui::Tone::Normal, ui::fonts().bold);
    static constexpr domain::PasswordRule kRules[] = {
        domain::PasswordRule::MinLength, domain::PasswordRule::Digit,       domain::PasswordRule::Upper,
        domain::PasswordRule::Lower,     domain::PasswordRule::NotUserName, domain::PasswordRule::ConfirmMatches,
    };
    auto& sem = ui::semantics();
    sem.add("password.rules", ui::Role::List, tr("ui.password.rules_intro"));
    size_t listIndex = sem.nodeCount() - 1;  // sized after its items (the vector may grow meanwhile)
    ImVec2 listPos = ImGui::GetCursorScreenPos();
    sem.pushContainer("password.rules");
    int i = 0;
    for (auto rule : kRules) {
        ui::ChecklistItem("password.rule" + std::to_string(i++), tr(domain::passwordRuleKey(rule)), check.holds(rule));
    }
    sem.popContainer();
    ui::SemNode& list = sem.nodeAt(listIndex);
    list.x = listPos.x;
    list.y = listPos.y;
    list.w = ui::ColumnWidth();
    list.h = ImGui::GetCursorScreenPos().y - listPos.y;
    if (check.tooLong) ui::Paragraph(tr("error.password.too_long"), ui::Tone::Error);
    ui::Spacer(12);
    bool ready = check.ok() && !f.busy;
    bool submit = ui::Button("password.submit", f.busy ? tr("ui.common.wait") : tr("ui.password.submit"),
                             ui::ButtonKind::Primary, !ready, ui::ColumnWidth());
    if (ui::FieldSubmitted("password.confirm") && ready) submit = true;
    if (submit && ready) f.submit = true;
}

}  // namespace

void DrawActivation(AppState& s) {
    PasswordForm& f = s.password;
    ui::BeginColumn(560);
    switch (f.link) {
        case PasswordForm::LinkState::Unknown:
        case PasswordForm::LinkState::Checking:
            ui::Heading("link.checking", tr("ui.link.checking"), 1);
            break;
        case PasswordForm::LinkState::Expired:
        case PasswordForm::LinkState::Used:
        case PasswordForm::LinkState::Invalid:
            DrawLinkProblem(s);
            break;
        case PasswordForm::LinkState::Valid:
            if (!f.confirmedEmail) {
                ui::Heading("activation.title", tr("ui.activation.title"), 1);
                ui::Paragraph(tr("ui.activation.step"));
                ui::Spacer(8);
                if (ui::Button("activation.click", tr("ui.activation.click"), ui::ButtonKind::Primary)) {
                    f.confirmedEmail = true;
                    ui::semantics().requestFocus("password.new");
                    s.announce = tr("ui.password.title");
                }
            } else {
                DrawPasswordForm(s);
            }
            break;
    }
    ui::EndColumn();
}

void DrawAccountCreated(AppState& s) {
    ui::BeginColumn(560);
    ui::Heading("created.title", tr("ui.created.title"), 1);
    ui::Notice("created.notice", tr("ui.created.body"), ui::Tone::Success);
    ui::Spacer(8);
    if (ui::Button("created.back", tr("ui.created.back"), ui::ButtonKind::Primary)) Navigate(s, Screen::Login);
    ui::EndColumn();
}

void DrawForgotPassword(AppState& s) {
    ForgotForm& f = s.forgot;
    ui::BeginColumn(560);
    ui::Heading("forgot.title", tr("ui.forgot.title"), 1);
    ui::Paragraph(tr("ui.forgot.intro"));
    ui::Spacer(8);
    if (f.sent) {
        ui::Notice("forgot.sent", tr("ui.forgot.sent"), ui::Tone::Success);
        if (s.devMailbox && ui::Button("forgot.mailbox", tr("nav.mailbox"))) Navigate(s, Screen::Mailbox);
        ui::Spacer(8);
        if (ui::Link("forgot.login", tr("ui.sent.to_login"), "#/connexion")) Navigate(s, Screen::Login);
    } else {
        ui::TextField("forgot.email", tr("ui.login.email"), f.email,
                      {.inputType = "email", .autocomplete = "email", .error = f.errors.at("email"), .required = true});
        bool submit = ui::Button("forgot.submit", f.busy ? tr("ui.common.wait") : tr("ui.forgot.submit"),
                                 ui::ButtonKind::Primary, f.busy, ui::ColumnWidth());
        if (ui::FieldSubmitted("forgot.email")) submit = true;
        if (submit && !f.busy) f.submit = true;
        ui::Spacer(8);
        if (ui::Link("forgot.back", tr("ui.sent.to_login"), "#/connexion")) Navigate(s, Screen::Login);
    }
    ui::EndColumn();
}

}  // namespace alin::client
