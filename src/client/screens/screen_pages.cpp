// The footer and the pages it links to (legal notice, accessibility statement,
// personal data, cookies, terms of use, contact): one generic screen draws any
// page of src/i18n/pages.cpp, whose texts are all in the catalogue.
#include <string>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"
#include "i18n/pages.h"

namespace alin::client {

namespace {

constexpr const char* kPhoneHref = "tel:+33970800800";

void DrawPageSections(const i18n::InfoPage& page) {
    const std::string base = "page." + std::string(page.slug);
    ui::Heading(base + ".title", tr(page.title), 1);
    int index = 0;
    for (const i18n::PageSection& section : page.sections) {
        const std::string sid = base + ".s" + std::to_string(index++);
        if (!section.heading.empty()) {
            ui::Spacer(8);
            ui::Heading(sid, tr(section.heading), 2);
        }
        int p = 0;
        for (std::string_view key : section.paragraphs) {
            ui::Paragraph(tr(key), ui::Tone::Normal, nullptr, sid + ".p" + std::to_string(p++));
            ui::Spacer(4);
        }
    }
}

}  // namespace

void DrawInfoPage(AppState& s, const std::string& slug) {
    const i18n::InfoPage* page = i18n::findInfoPage(slug);
    if (!page) {
        DrawNotFound(s);
        return;
    }
    ui::BeginColumn(720);
    DrawPageSections(*page);
    if (page->slug == "contact") {
        // The phone number as a link the phone dials; kiosks may intercept
        // s.openExternal (the one path of every external link).
        ui::Spacer(8);
        if (ui::Link("contact.call", tr("page.contact.call"), kPhoneHref)) s.openExternal = kPhoneHref;
        ui::Spacer(8);
        if (ui::Link("contact.help", tr("page.contact.help_link"), "#/aide")) Navigate(s, Screen::Help);
        // The contact form (issue 14 part 2): applicants, signed in or about to
        // (a signed-out visitor is asked to log in, then comes back to it).
        if (!s.user || !s.user->staff()) {
            ui::Spacer(8);
            if (ui::Link("contact.write", tr("contact.link"), "#/mes-messages")) Navigate(s, Screen::Messages);
        }
    }
    ui::EndColumn();
}

void DrawDataProtection(AppState& s) {
    DrawInfoPage(s, "donnees-personnelles");
    ui::BeginColumn(720);
    // The promise of ui.data.p3, kept: the page that shows, exports and erases them.
    if (s.user && ui::Link("data.mydata", tr("mydata.open"), "#/mes-donnees")) Navigate(s, Screen::MyData);
    ui::Spacer(8);
    if (ui::Button("data.back", tr("common.back"), ui::ButtonKind::Secondary)) {
        Navigate(s, s.user ? Screen::Dashboard : Screen::Signup);
    }
    ui::EndColumn();
}

void DrawQuestionLink(AppState& s) {
    if (!s.user || s.route.screen == Screen::Help) return;
    ui::BeginColumn(960);
    ui::Spacer(32);
    if (ui::Link("question.help", tr("footer.question"), "#/aide")) Navigate(s, Screen::Help);
    if (!s.user->staff() && s.route.screen != Screen::Messages) {
        ui::Spacer(8);
        if (ui::Link("question.write", tr("contact.link"), "#/mes-messages")) Navigate(s, Screen::Messages);
    }
    ui::EndColumn();
}

void DrawFooter(AppState& s) {
    struct FooterLink {
        const char* id;
        const char* label;
        const char* href;
        Screen screen;
        const char* param;
    };
    static const FooterLink links[] = {
        {"footer.legal", "footer.legal", "#/mentions-legales", Screen::InfoPage, "mentions-legales"},
        {"footer.accessibility", "footer.accessibility", "#/accessibilite", Screen::InfoPage, "accessibilite"},
        {"footer.data", "footer.data", "#/donnees-personnelles", Screen::DataProtection, ""},
        {"footer.cookies", "footer.cookies", "#/cookies", Screen::InfoPage, "cookies"},
        {"footer.terms", "footer.terms", "#/cgu", Screen::InfoPage, "cgu"},
        {"footer.help", "footer.help", "#/aide", Screen::Help, ""},
        {"footer.contact", "footer.contact", "#/contact", Screen::InfoPage, "contact"},
    };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    dl->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + w, p.y), ui::color::kBlueFrance, 2.f);
    ui::BeginFieldGroup("footer", tr("footer.name"));
    ui::BeginColumn(960);
    ui::Spacer(16);
    ui::Paragraph(tr("footer.org"), ui::Tone::Mention, nullptr, "footer.org");
    ui::Spacer(8);
    // Links side by side, wrapping to the next line on phones (320 px and up).
    ui::BeginFlow(24.f, 12.f);
    for (const FooterLink& l : links) {
        if (ui::Link(l.id, tr(l.label), l.href)) Navigate(s, l.screen, l.param);
    }
    ui::EndFlow();
    ui::Spacer(32);
    ui::EndColumn();
    ui::EndFieldGroup();
}

}  // namespace alin::client
