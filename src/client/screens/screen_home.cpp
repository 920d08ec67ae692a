#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawHome(AppState& s) {
    ui::BeginColumn(720);
    ui::Heading("home.title", tr("home.title"), 1);
    ui::Paragraph(tr("home.intro"));
    ui::Spacer(8);
    ui::Paragraph(tr("home.step1"));
    ui::Paragraph(tr("home.step2"));
    ui::Paragraph(tr("home.step3"));
    ui::Spacer(16);
    if (s.user) {
        if (ui::Button("home.dashboard", tr("ui.dashboard.open"))) Navigate(s, Screen::Dashboard);
    } else {
        if (ui::Button("home.login", tr("home.cta"))) Navigate(s, Screen::Login);
    }
    ui::Spacer(16);
    if (!s.demo) {
        ui::Paragraph(tr("ui.home.demo_intro"), ui::Tone::Mention);
        if (ui::Link("home.demo", tr("nav.demo"), "?demo=1#/")) s.enterDemo = true;
        ui::Spacer(16);
    }
    ui::Paragraph(tr("home.hotline"), ui::Tone::Mention);
    ui::EndColumn();
}

void DrawNotFound(AppState& s) {
    ui::BeginColumn();
    ui::Heading("notfound.title", tr("notfound.title"), 1);
    ui::Paragraph(tr("notfound.body"));
    ui::Spacer(16);
    if (ui::Button("notfound.home", tr("notfound.home"))) Navigate(s, Screen::Home);
    ui::EndColumn();
}

}  // namespace alin::client
