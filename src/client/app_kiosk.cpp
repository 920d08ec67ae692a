// Kiosk mode (shared terminals): its home screen, the idle warning, the wipe,
// and external addresses shown as QR codes (nothing leaves the kiosk).
#include <algorithm>
#include <string>

#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/kiosk_ui.h"
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
                    !state_.mailbox.messages.empty() ||
                    i18n::language() != i18n::Lang::Fr;  // the next person finds the kiosk in French
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

// What the kiosk is for, and the way in. After a wipe it also says that the
// session ended (visible, not only announced) until the next person starts.
void App::drawKioskHome() {
    ui::BeginColumn(720);
    ui::Heading("kiosk.home.title", tr("kiosk.home.title"), 1);
    if (kioskEnded_) ui::Notice("kiosk.ended", tr("ui.kiosk.ended"), ui::Tone::Success);
    ui::Paragraph(tr("kiosk.home.intro"));
    ui::Spacer(8);
    ui::Paragraph(tr("kiosk.home.keyboard"));
    ui::Spacer(8);
    ui::Paragraph(tr("kiosk.home.privacy"));
    ui::Spacer(16);
    if (ui::Button("kiosk.start", tr("kiosk.home.start"))) {
        kioskEnded_ = false;
        Navigate(state_, state_.user ? Screen::Dashboard : Screen::Login);
    }
    ui::Spacer(16);
    ui::Paragraph(tr("home.hotline"), ui::Tone::Mention);
    ui::EndColumn();
}

// An external address (registration site, phone number, any http link): its QR
// code and the address written out, to take away on a phone.
void App::drawKioskQr() {
    const std::string url = ui::kiosk::externalShown();
    if (url.empty()) return;
    std::string shown = url;
    for (std::string_view scheme : {"tel:", "mailto:"})
        if (shown.rfind(scheme, 0) == 0) shown.erase(0, scheme.size());
    if (ui::BeginDialog("kiosk.qr", tr("kiosk.qr.title"))) {
        ui::Paragraph(tr("kiosk.qr.intro"));
        ui::Spacer(8);
        ui::kiosk::QrCode("kiosk.qr.code", url, std::min(ui::ColumnWidth(), 296.f), trf("kiosk.qr.code", {shown}));
        ui::Spacer(8);
        ui::Paragraph(trf("kiosk.qr.address", {shown}), ui::Tone::Normal, ui::fonts().bold, "kiosk.qr.address");
        ui::Spacer(8);
        if (ui::Button("kiosk.qr.close", tr("kiosk.qr.close")) || ui::DialogEscape()) ui::kiosk::closeExternal();
        ui::EndDialog();
    }
}

void App::endKioskSession() {
    lastActivityMs_ = platform::nowMs();
    setPageLanguage(i18n::Lang::Fr);  // each session starts in French
    languageChosen_ = false;
    if (state_.user) call({.method = "DELETE", .path = "/api/v1/session", .replies = Call::Replies::All});
    api_->wipe();
    AppState fresh;
    fresh.demo = state_.demo;
    fresh.kiosk = true;
    fresh.devMailbox = state_.devMailbox;
    fresh.sessionChecked = true;
    fresh.announce = tr("ui.kiosk.ended");
    state_ = std::move(fresh);
    // Every field is emptied in the DOM too: the known ones and any shown now.
    auto& sem = ui::semantics();
    for (const char* id : {"login.email", "login.password", "signup.birthName", "signup.firstName", "signup.phone",
                           "signup.email", "forgot.email", "mailbox.address", "password.new", "password.confirm"})
        sem.bumpValue(id);
    for (size_t i = 0; i < sem.nodeCount(); ++i) {
        const ui::SemNode& n = sem.nodeAt(i);
        if (n.role == ui::Role::TextBox || n.role == ui::Role::Password || n.role == ui::Role::ComboBox)
            sem.bumpValue(n.id);
    }
    // The keyboard and any QR code shown; what the browser keeps (storage,
    // IndexedDB, cookies, the DOM inputs' values, the live region).
    ui::kiosk::reset();
    platform::kioskWipe();
    Navigate(state_, Screen::Home);
    kioskEnded_ = true;
    kioskWarned_ = false;
}

}  // namespace alin::client
