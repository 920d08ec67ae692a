// The header on every screen: skip link, brand, demo and kiosk badges, the
// language switch ("English" on a French page, "Français" on an English one,
// each written in its own language) and the account actions. On phones where one
// row cannot hold them all, the language switch takes a second row.
#include <algorithm>
#include <string_view>
#include <vector>

#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/font_scale.h"
#include "client/ui/kiosk_ui.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"
#include "imgui.h"

namespace alin::client {

namespace {

constexpr float kRowHeight = 64.f;  // one row: 44 px targets with 10 px above and below
constexpr float kSecondRow = 48.f;  // the language switch's row on narrow phones
constexpr float kEdge = 16.f, kGap = 8.f;

}  // namespace

void App::drawHeader() {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiIO& io = ImGui::GetIO();
    const float screenW = io.DisplaySize.x;
    ImVec2 p = ImGui::GetCursorScreenPos();
    const bool narrow = screenW < 600.f;
    const bool roomy = screenW >= 1000.f;

    // Layout first (the header's height depends on it), then drawing.
    ImGui::PushFont(ui::fonts().h2);
    const ImVec2 brandSize = ImGui::CalcTextSize(tr("app.name"));
    ImGui::PopFont();
    const float brandH = ui::kiosk::minTarget(40.f);
    float after = p.x + 24 + brandSize.x;  // where the left part ends
    const float orgX = after;
    if (!narrow) after += ImGui::CalcTextSize(tr("app.org")).x + 16;
    const bool showDemo = state_.demo && !(state_.kiosk && screenW < 400.f);  // room for "Terminer ma session"
    const char* demoBadge = narrow || state_.kiosk ? tr("nav.demo_short") : tr("nav.demo_badge");
    const float demoX = after;
    if (showDemo) after += ImGui::CalcTextSize(demoBadge).x + 24;
    const bool showKioskBadge = state_.kiosk && roomy;  // "Borne en libre-service", where there is room
    const float kioskX = after;

    // Right side actions, laid out from the right edge but drawn (and so in Tab
    // order) from left to right. The language switch comes first.
    struct RightButton {
        const char* id;
        const char* label;
        ui::ButtonKind kind;
        float x = 0, y = 0, w = 0;
    };
    std::vector<RightButton> right;
    const i18n::Lang other = i18n::language() == i18n::Lang::En ? i18n::Lang::Fr : i18n::Lang::En;
    // While the other language's texts are fetched, the switch says so (in this language) and waits.
    right.push_back(
        {"header.language", tr(languageLoading_ ? "app.loading" : "ui.language.switch"), ui::ButtonKind::Tertiary});
    if (state_.kiosk)  // a shared terminal: one way out, which wipes everything
        right.push_back({"header.endSession", tr("kiosk.end"), ui::ButtonKind::Secondary});
    else if (state_.user)
        right.push_back({"header.logout", tr("nav.logout"), ui::ButtonKind::Secondary});
    else if (state_.route.screen != Screen::Login)
        right.push_back({"header.login", tr("nav.login"), ui::ButtonKind::Primary});
    // (A kiosk's larger text needs more room for it: not at 1080 px.)
    if (state_.devMailbox && !narrow && (!state_.kiosk || screenW >= 1000.f * ui::textScale()))
        right.push_back({"header.mailbox", tr("nav.mailbox"), ui::ButtonKind::Tertiary});
    float rowWidth = 0;
    for (RightButton& b : right) {
        ImGui::PushFont(ui::fonts().bold);
        // (A label must not wrap by rounding, which makes its button taller: 2 px to spare.)
        b.w = ImGui::CalcTextSize(b.label).x + (narrow ? 24 : 40) + 2;
        ImGui::PopFont();
        rowWidth += b.w + kGap;
    }
    // The switch goes to a second row when the first cannot hold everything.
    const float leftEnd = showKioskBadge ? kioskX + ImGui::CalcTextSize(tr("nav.kiosk_badge")).x + 24 : after;
    const bool twoRows = leftEnd + rowWidth - kGap + kEdge > p.x + screenW;
    float x = p.x + screenW - kEdge;
    for (size_t i = twoRows ? 1 : 0; i < right.size(); ++i) {
        x -= right[i].w;
        right[i].x = x;
        right[i].y = p.y + 10;
        x -= kGap;
    }
    if (twoRows) {
        right[0].x = p.x + screenW - kEdge - right[0].w;
        right[0].y = p.y + kRowHeight - 6;
    }
    // Drawn (and so in Tab order) row by row, left to right.
    std::sort(right.begin(), right.end(),
              [](const RightButton& a, const RightButton& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
    const float h = kRowHeight + (twoRows ? kSecondRow : 0.f);

    dl->AddRectFilled(p, ImVec2(p.x + screenW, p.y + h), ui::color::kWhite);
    dl->AddLine(ImVec2(p.x, p.y + h - 1), ImVec2(p.x + screenW, p.y + h - 1), ui::color::kBorder, 1.f);
    auto& sem = ui::semantics();
    ui::SemNode& header = sem.add("header", ui::Role::Group, tr("app.name"));
    header.x = p.x;
    header.y = p.y;
    header.w = screenW;
    header.h = h;
    sem.pushContainer("header");
    // "Aller au contenu": first in Tab order, drawn only while it has focus.
    {
        ImGui::PushFont(ui::fonts().bold);
        ImVec2 ss = ImGui::CalcTextSize(tr("nav.skip"));
        ImGui::PopFont();
        ImVec2 s0(p.x + 8, p.y + 8), s1(p.x + 8 + ss.x + 24, p.y + 8 + 44);
        ui::SemNode& skip = sem.add("header.skip", ui::Role::Link, tr("nav.skip"));
        skip.href = "#contenu";
        skip.x = s0.x;
        skip.y = s0.y;
        skip.w = s1.x - s0.x;
        skip.h = s1.y - s0.y;
        if (sem.isFocused("header.skip")) {
            ImDrawList* fg = ImGui::GetForegroundDrawList();
            fg->AddRectFilled(s0, s1, ui::color::kWhite, 4.f);
            fg->AddRect(s0, s1, ui::color::kBlueFrance, 4.f, 0, 2.f);
            ImGui::PushFont(ui::fonts().bold);
            fg->AddText(ImVec2(s0.x + 12, s0.y + (44 - ss.y) * 0.5f), ui::color::kBlueFrance, tr("nav.skip"));
            ImGui::PopFont();
        }
    }
    // Brand: links home.
    ImGui::SetCursorScreenPos(ImVec2(p.x + 16, p.y + 10));
    ImGui::PushFont(ui::fonts().h2);
    bool home = ImGui::InvisibleButton("##brand", ImVec2(std::max(brandSize.x, brandH), brandH));
    dl->AddText(ImVec2(p.x + 16, p.y + 16), ui::color::kBlueFrance, tr("app.name"));
    ImGui::PopFont();
    ui::SemNode& brand = sem.add("header.brand", ui::Role::Link, tr("nav.brand"));
    brand.href = "#/";
    brand.x = p.x + 16;
    brand.y = p.y + 10;
    brand.w = std::max(brandSize.x, brandH);
    brand.h = brandH;
    if (home || sem.consumeActivate("header.brand")) Navigate(state_, Screen::Home);
    if (!narrow) dl->AddText(ImVec2(orgX, p.y + 24), ui::color::kTextMention, tr("app.org"));
    if (showDemo) {
        ImVec2 bs = ImGui::CalcTextSize(demoBadge);
        dl->AddRectFilled(ImVec2(demoX, p.y + 18), ImVec2(demoX + bs.x + 16, p.y + 22 + bs.y), ui::color::kInfoBg, 4.f);
        dl->AddText(ImVec2(demoX + 8, p.y + 22), ui::color::kBlueFrance, demoBadge);
        ui::SemNode& n = sem.add("header.demo", ui::Role::Status, tr("nav.demo_badge"));
        n.x = demoX;
        n.y = p.y + 18;
        n.w = bs.x + 16;
        n.h = 4 + bs.y;  // the box grows with the text (a kiosk's larger text)
    }
    if (showKioskBadge) {
        const char* badge = tr("nav.kiosk_badge");
        ImVec2 bs = ImGui::CalcTextSize(badge);
        dl->AddRectFilled(ImVec2(kioskX, p.y + 18), ImVec2(kioskX + bs.x + 16, p.y + 22 + bs.y), ui::color::kInfoBg,
                          4.f);
        dl->AddText(ImVec2(kioskX + 8, p.y + 22), ui::color::kBlueFrance, badge);
        ui::SemNode& n = sem.add("header.kiosk", ui::Role::Status, badge);
        n.x = kioskX;
        n.y = p.y + 18;
        n.w = bs.x + 16;
        n.h = 4 + bs.y;  // the box grows with the text (a kiosk's larger text)
    }
    for (const RightButton& b : right) {
        ImGui::SetCursorScreenPos(ImVec2(b.x, b.y));
        const size_t before = sem.nodeCount();
        const std::string_view id = b.id;
        const bool clicked = ui::Button(b.id, b.label, b.kind, id == "header.language" && languageLoading_, b.w);
        // The switch's label is in the other language: its own lang attribute.
        if (id == "header.language" && !languageLoading_ && sem.nodeCount() > before)
            sem.nodeAt(sem.nodeCount() - 1).lang = i18n::languageTag(other);
        if (!clicked) continue;
        if (id == "header.language") languageSwitchPressed_ = true;
        if (id == "header.logout") state_.logout = true;
        if (id == "header.login") Navigate(state_, Screen::Login);
        if (id == "header.mailbox") Navigate(state_, Screen::Mailbox);
        if (id == "header.endSession") kioskEndRequested_ = true;
    }
    sem.popContainer();
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
}

}  // namespace alin::client
