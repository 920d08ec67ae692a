// Kiosk mode (shared terminals): idle warning, wipe and the end screen.
#include <string>

#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

// Shared terminals: after two minutes without input a dialog offers to go on;
// thirty seconds later the session ends and everything personal is wiped.
void App::kioskWatch() {
    double now = platform::nowMs();
    if (lastActivityMs_ == 0) lastActivityMs_ = now;
    double idle = now - lastActivityMs_;
    bool personal = state_.user || !state_.login.email.empty() || !state_.signup.email.empty() ||
                    !state_.signup.birthName.empty() || !state_.forgot.email.empty() ||
                    !state_.mailbox.messages.empty();
    if (!personal) return;
    if (idle >= kioskEndMs_) {
        endKioskSession();
        return;
    }
    if (idle < kioskWarnMs_) {
        kioskWarned_ = false;
        return;
    }
    // An alert dialog: the DOM layer moves focus into it (the focused field's blur
    // is not activity), it is announced once, and the countdown is visible.
    int left = static_cast<int>((kioskEndMs_ - idle) / 1000.0) + 1;
    if (!kioskWarned_) {
        kioskWarned_ = true;
        state_.announce = tr("ui.kiosk.title");
    }
    if (ui::BeginDialog("kiosk.dialog", tr("ui.kiosk.title"), true)) {
        ui::Paragraph(trf("ui.kiosk.body", {std::to_string(left)}), ui::Tone::Normal, nullptr, "kiosk.countdown");
        ui::Spacer(8);
        if (ui::Button("kiosk.continue", tr("ui.kiosk.continue")) || ui::DialogEscape()) lastActivityMs_ = now;
        ImGui::SameLine();
        if (ui::Button("kiosk.end", tr("ui.kiosk.end"), ui::ButtonKind::Secondary)) endKioskSession();
        ui::EndDialog();
    }
}

// After a kiosk wipe: a visible end screen, until the next person starts.
void App::drawKioskEnded() {
    ui::BeginColumn();
    ui::Heading("kiosk.ended", tr("ui.kiosk.ended_title"), 1);
    ui::Paragraph(tr("ui.kiosk.ended"));
    ui::Spacer(16);
    if (ui::Button("kiosk.restart", tr("ui.kiosk.restart"))) {
        kioskEnded_ = false;
        Navigate(state_, Screen::Home);
    }
    ui::EndColumn();
}

void App::endKioskSession() {
    lastActivityMs_ = platform::nowMs();
    if (state_.user) api_->send("DELETE", "/api/v1/session", nullptr, [](const ApiReply&) {});
    api_->wipe();
    AppState fresh;
    fresh.demo = state_.demo;
    fresh.kiosk = true;
    fresh.devMailbox = state_.devMailbox;
    fresh.sessionChecked = true;
    fresh.announce = tr("ui.kiosk.ended");
    state_ = std::move(fresh);
    // Every field is emptied in the DOM too.
    for (const char* id : {"login.email", "login.password", "signup.birthName", "signup.firstName", "signup.phone",
                           "signup.email", "forgot.email", "mailbox.address", "password.new", "password.confirm"})
        ui::semantics().bumpValue(id);
    Navigate(state_, Screen::Home);
    kioskEnded_ = true;
    kioskWarned_ = false;
}

}  // namespace alin::client
