// Navigation and containers of content: tabs, the stepper, the nav bar,
// offer cards, chips and modal dialogs.
#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "client/ui/kiosk_ui.h"
#include "client/ui/text_wrap.h"
#include "client/ui/widgets.h"
#include "client/ui/widgets_internal.h"
#include "i18n/catalog.h"
#include "imgui_internal.h"

namespace alin::ui {

using namespace detail;

void BeginTabBar(std::string_view id, std::string_view name) {
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::TabList, name);
        ImVec2 p = ImGui::GetCursorScreenPos();
        placeNode(n, p, ImVec2(p.x + ColumnWidth(), p.y + 48));
    }
    sem.pushContainer(id);
    ImGui::BeginGroup();
    BeginFlow(4.f, 0.f);
}

bool Tab(std::string_view id, std::string_view label, bool selected, int badge) {
    std::string sid = idString(id);
    ImGui::PushFont(fonts().bold);
    ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    std::string badgeText = badge >= 0 ? std::to_string(badge) : std::string();
    ImVec2 bs = badge >= 0 ? ImGui::CalcTextSize(badgeText.c_str()) : ImVec2(0, 0);
    float badgeW = badge >= 0 ? bs.x + 20 : 0;
    // Tabs flow to the next line when they do not fit (phones); a tab wider than
    // the column wraps its label.
    float w = std::min(ts.x + 24 + badgeW, availWidth());
    float labelW = 0;
    std::vector<Line> lines = wrapLines(label, std::max(40.f, w - 24 - badgeW), &labelW);
    float labelH = ImGui::GetTextLineHeight() * static_cast<float>(lines.size());
    float h = std::max(44.f, labelH + 20);
    flowPlace(w, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fg = selected ? color::kRed : color::kBlueFrance;
    if (hovered && !selected) dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::kBlueLight, 4.f);
    float labelTop = pos.y + (h - labelH) * 0.5f;
    drawLines(lines, ImVec2(pos.x + 12, labelTop), fg, labelW, false);
    if (badge >= 0) {
        // After the last line of the label, as tall as the glyphs (not the line box).
        float gb = glyphBox(), lead = halfLeading();
        ImVec2 b0(pos.x + 12 + lines.back().w + 8, labelTop + labelH - ImGui::GetTextLineHeight() + lead - 2);
        ImVec2 b1(b0.x + bs.x + 12, b0.y + gb + 4);
        dl->AddRectFilled(b0, b1, selected ? color::kRed : color::kBlueFrance, 10.f);
        dl->AddText(ImVec2(b0.x + 6, b0.y + 2 - lead), color::kWhite, badgeText.c_str());
    }
    if (selected) dl->AddRectFilled(ImVec2(pos.x, pos.y + h - 3), ImVec2(pos.x + w, pos.y + h), color::kRed);
    ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer()) && !sem.modalBlocks(std::string_view{})) {
        std::string name(label);
        if (badge >= 0) name += " (" + badgeText + ")";
        SemNode& n = sem.add(id, Role::Tab, name);
        n.selected = selected;
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

void EndTabBar() {
    EndFlow();
    ImGui::EndGroup();
    ImVec2 p = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, ImGui::GetItemRectMax().y),
                                        ImVec2(p.x + ColumnWidth(), ImGui::GetItemRectMax().y), color::kBorder);
    semantics().popContainer();
    Spacer(8);
}

void Stepper(std::string_view id, std::string_view name, const std::vector<std::string>& steps, int current,
             bool failed) {
    Semantics& sem = semantics();
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t listIndex = 0;
    if (!blocked) {
        sem.add(id, Role::List, name);
        listIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = 14.f;
    for (size_t i = 0; i < steps.size(); ++i) {
        int step = static_cast<int>(i) + 1;
        ImVec2 p = ImGui::GetCursorScreenPos();
        bool hereStep = step == current;
        // The label wraps beside the circle; the row grows with it.
        ImGui::PushFont(hereStep ? fonts().bold : fonts().body);
        std::vector<Line> labelLines = wrapLines(steps[i], ColumnWidth() - 2 * r - 12);
        float labelH = ImGui::GetTextLineHeight() * static_cast<float>(labelLines.size());
        ImGui::PopFont();
        float rowH = std::max(40.f, labelH + 16.f);
        ImVec2 c(p.x + r, p.y + r);
        bool done = step < current || (step == current && !failed && current == static_cast<int>(steps.size()));
        bool here = step == current;
        ImU32 col = (here && failed) ? color::kError : (done || here) ? color::kBlueFrance : color::kTextMention;
        if (i + 1 < steps.size())
            dl->AddLine(ImVec2(c.x, c.y + r), ImVec2(c.x, c.y + rowH - r + 4),
                        step < current ? color::kBlueFrance : color::kBorder, 2.f);
        if (done || here)
            dl->AddCircleFilled(c, r, col, 24);
        else
            dl->AddCircle(c, r, col, 24, 2.f);
        std::string num = std::to_string(step);
        ImGui::PushFont(fonts().bold);
        ImVec2 ns = ImGui::CalcTextSize(num.c_str());
        dl->AddText(ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), (done || here) ? color::kWhite : col, num.c_str());
        ImGui::PopFont();
        std::string state = (here && failed) ? tr("ui.widget.step_stopped")
                            : here           ? tr("ui.widget.step_current")
                            : step < current ? tr("ui.widget.step_done")
                                             : "";
        ImFont* f = here ? fonts().bold : fonts().body;
        ImGui::PushFont(f);
        drawLines(labelLines, ImVec2(p.x + 2 * r + 12, p.y + 2),
                  here ? (failed ? color::kError : color::kText) : color::kText, ColumnWidth() - 2 * r - 12, false);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(ColumnWidth(), rowH));
        if (!blocked) {
            std::string text = trf("ui.widget.step", {num, steps[i]}) + state;
            SemNode& n = sem.add(std::string(id) + "." + num, Role::ListItem, text);
            n.current = here;
            placeNode(n, p, ImVec2(p.x + ColumnWidth(), p.y + rowH));
        }
    }
    sem.popContainer();
    if (!blocked) {
        SemNode& ln = sem.nodeAt(listIndex);
        placeNode(ln, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
}

int NavBar(std::string_view id, const std::vector<std::string>& labels, const std::vector<std::string>& hrefs,
           int current, std::string_view menuLabel) {
    static std::unordered_map<std::string, bool> menuOpen;  // collapsed menus shown, per nav id
    Semantics& sem = semantics();
    int clicked = -1;
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t navIndex = 0;
    if (!blocked) {
        sem.add(id, Role::Navigation, tr("ui.widget.main_nav"));
        navIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts().bold);
    const float h = 44;
    float total = 0;
    for (const auto& l : labels) total += ImGui::CalcTextSize(l.c_str()).x + 24 + 4;
    bool collapsed = total - 4 > availWidth();
    bool& open = menuOpen[std::string(id)];
    if (!collapsed) open = false;
    auto link = [&](size_t i, ImVec2 p, float w, bool stacked) {
        std::string nid = std::string(id) + "." + std::to_string(i);
        bool c = ImGui::InvisibleButton(nid.c_str(), ImVec2(w, h));
        bool sel = static_cast<int>(i) == current;
        ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
        if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kBlueLight);
        dl->AddText(ImVec2(p.x + (stacked ? 16 : 12), p.y + (h - ts.y) * 0.5f), color::kBlueFrance, labels[i].c_str());
        if (sel && stacked)
            dl->AddRectFilled(p, ImVec2(p.x + 3, p.y + h), color::kBlueFrance);
        else if (sel)
            dl->AddRectFilled(ImVec2(p.x, p.y + h - 3), ImVec2(p.x + w, p.y + h), color::kBlueFrance);
        if (!blocked) {
            SemNode& n = sem.add(nid, Role::Link, labels[i]);
            n.href = hrefs[i];
            n.current = sel;
            placeNode(n, p, ImVec2(p.x + w, p.y + h));
            scrollToIfFocusedNow(nid);
            if (sem.consumeActivate(nid)) c = true;
        }
        if (c) clicked = static_cast<int>(i);
    };
    if (!collapsed) {
        BeginFlow(4.f, 0.f);
        for (size_t i = 0; i < labels.size(); ++i) {
            float w = ImGui::CalcTextSize(labels[i].c_str()).x + 24;
            flowPlace(w, h);
            link(i, ImGui::GetCursorScreenPos(), w, false);
        }
        EndFlow();
    } else {
        // Phones: a "Menu" disclosure button, the links stacked under it when open.
        std::string mid = std::string(id) + ".menu";
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImVec2 ts = ImGui::CalcTextSize(menuLabel.data(), menuLabel.data() + menuLabel.size());
        float w = ts.x + 24 + 28;
        bool toggle = ImGui::InvisibleButton(mid.c_str(), ImVec2(w, h));
        if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kBlueLight, 4.f);
        for (int k = 0; k < 3; ++k) {  // the "hamburger" icon
            float y = p.y + h * 0.5f - 6 + 6 * k;
            dl->AddLine(ImVec2(p.x + 12, y), ImVec2(p.x + 30, y), color::kBlueFrance, 2.f);
        }
        dl->AddText(ImVec2(p.x + 40, p.y + (h - ts.y) * 0.5f), color::kBlueFrance, menuLabel.data(),
                    menuLabel.data() + menuLabel.size());
        if (!blocked) {
            SemNode& n = sem.add(mid, Role::Button, menuLabel);
            n.expanded = open;
            placeNode(n, p, ImVec2(p.x + w, p.y + h));
            if (sem.consumeActivate(mid)) toggle = true;
        }
        if (toggle) open = !open;
        if (open) {
            float fullW = ColumnWidth();
            for (size_t i = 0; i < labels.size(); ++i) {
                ImVec2 lp = ImGui::GetCursorScreenPos();
                dl->AddLine(ImVec2(lp.x, lp.y), ImVec2(lp.x + fullW, lp.y), color::kBorder);
                link(i, lp, fullW, true);
            }
        }
        if (clicked >= 0) open = false;
    }
    ImGui::PopFont();
    sem.popContainer();
    if (!blocked) {
        SemNode& nav = sem.nodeAt(navIndex);
        placeNode(nav, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
    return clicked;
}

namespace {

// A card's text: the title (bold) then each line, wrapped to the card.
struct CardText {
    std::vector<Line> title;
    std::vector<std::vector<Line>> lines;
    float height = 0;
};
// Width of the picture left of a card's text, 0 when the card is too narrow.
float cardPictureWidth(float width, Picture picture) {
    return picture != Picture::None && width >= kCardPictureMinWidth ? 128.f : 0.f;
}

CardText layoutCard(std::string_view title, const std::string* lines, int lineCount, float width, Picture picture) {
    CardText t;
    float pictureW = cardPictureWidth(width, picture);
    float inner = std::max(40.f, width - 32 - (pictureW > 0 ? pictureW + 16 : 0));
    ImGui::PushFont(fonts().bold);
    t.title = wrapLines(title, inner);
    float h = 12 + ImGui::GetTextLineHeight() * static_cast<float>(t.title.size()) + 4;
    ImGui::PopFont();
    ImGui::PushFont(fonts().body);
    for (int i = 0; i < lineCount; ++i) {
        t.lines.push_back(wrapLines(lines[i], inner));
        h += ImGui::GetTextLineHeight() * static_cast<float>(t.lines.back().size());
    }
    ImGui::PopFont();
    t.height = std::max(h, pictureW > 0 ? 12 + 96.f : 0.f) + 12 + 3;  // bottom padding and the blue bar
    return t;
}

}  // namespace

void DrawPicture(Picture kind, ImVec2 min, ImVec2 max) {
    if (kind == Picture::None) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, color::kBlueLight, 4.f);
    const float w = max.x - min.x, h = max.y - min.y;
    const float s = std::min(w, h) * 0.6f;  // the drawing's square, centred
    const ImVec2 c(min.x + w * 0.5f, min.y + h * 0.5f);
    const ImVec2 o(c.x - s * 0.5f, c.y - s * 0.5f);
    const ImU32 ink = color::kBlueFrance;
    const float line = std::max(1.5f, s / 32.f);
    if (kind == Picture::House) {
        // A roof and a body with a door and a window.
        const ImVec2 roof[3] = {ImVec2(o.x, o.y + s * 0.45f), ImVec2(c.x, o.y + s * 0.05f),
                                ImVec2(o.x + s, o.y + s * 0.45f)};
        dl->AddPolyline(roof, 3, ink, 0, line * 1.5f);
        dl->AddRect(ImVec2(o.x + s * 0.12f, o.y + s * 0.42f), ImVec2(o.x + s * 0.88f, o.y + s), ink, 0, 0, line);
        dl->AddRectFilled(ImVec2(o.x + s * 0.42f, o.y + s * 0.66f), ImVec2(o.x + s * 0.58f, o.y + s), ink);
        dl->AddRect(ImVec2(o.x + s * 0.2f, o.y + s * 0.55f), ImVec2(o.x + s * 0.34f, o.y + s * 0.69f), ink, 0, 0, line);
        dl->AddRect(ImVec2(o.x + s * 0.66f, o.y + s * 0.55f), ImVec2(o.x + s * 0.8f, o.y + s * 0.69f), ink, 0, 0, line);
    } else {
        // A block of flats: a tall body with rows of windows and a door.
        const ImVec2 a(o.x + s * 0.18f, o.y), b(o.x + s * 0.82f, o.y + s);
        dl->AddRect(a, b, ink, 0, 0, line);
        for (int row = 0; row < 4; ++row) {
            for (int col = 0; col < 3; ++col) {
                const float x = a.x + s * (0.08f + 0.2f * static_cast<float>(col));
                const float y = a.y + s * (0.08f + 0.18f * static_cast<float>(row));
                dl->AddRectFilled(ImVec2(x, y), ImVec2(x + s * 0.1f, y + s * 0.1f), ink);
            }
        }
        dl->AddRectFilled(ImVec2(c.x - s * 0.07f, o.y + s * 0.8f), ImVec2(c.x + s * 0.07f, o.y + s), ink);
    }
}

void PictureBox(Picture kind, float w, float h) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    DrawPicture(kind, p, ImVec2(p.x + w, p.y + h));
    ImGui::Dummy(ImVec2(w, h));  // an item of the layout, not of the accessibility tree
}

float CardHeight(std::string_view title, const std::string* lines, int lineCount, float width, Picture picture) {
    return layoutCard(title, lines, lineCount, width, picture).height;
}

bool Card(std::string_view id, std::string_view title, const std::string* lines, int lineCount, std::string_view name,
          float height, bool draw, Picture picture, std::string_view href) {
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ColumnWidth();
    if (!draw) {
        // Off screen: mirrored only, so reading and Tab reach it (the DOM scrolls to it).
        Semantics& sem = semantics();
        if (sem.modalBlocks(sem.currentContainer())) return false;
        SemNode& n = sem.add(id, Role::Link, name);
        n.href = std::string(href);
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + height));
        return sem.consumeActivate(id);
    }
    CardText t = layoutCard(title, lines, lineCount, w, picture);
    const float pictureW = cardPictureWidth(w, picture);
    const float textX = pos.x + 16 + (pictureW > 0 ? pictureW + 16 : 0), textW = w - (textX - pos.x) - 16;
    height = std::max(height, t.height);
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, height));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), hovered ? color::kBackgroundAlt : color::kWhite, 4.f);
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + height), hovered ? color::kBlueFrance : color::kBorder, 4.f);
    dl->AddRectFilled(ImVec2(pos.x, pos.y + height - 3), ImVec2(pos.x + w, pos.y + height), color::kBlueFrance);
    ImGui::PushFont(fonts().bold);
    if (pictureW > 0)
        DrawPicture(picture, ImVec2(pos.x + 12, pos.y + 12), ImVec2(pos.x + 12 + pictureW, pos.y + 12 + 96));
    drawLines(t.title, ImVec2(textX, pos.y + 12), color::kBlueFrance, textW, false);
    float y = pos.y + 12 + ImGui::GetTextLineHeight() * static_cast<float>(t.title.size()) + 4;
    ImGui::PopFont();
    ImGui::PushFont(fonts().body);
    for (const auto& l : t.lines) {
        drawLines(l, ImVec2(textX, y), color::kText, textW, false);
        y += ImGui::GetTextLineHeight() * static_cast<float>(l.size());
    }
    ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Link, name);
        n.href = std::string(href);
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + height));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

namespace {

// A pill (filters, choices): its label wraps when wider than the column.
struct Chip {
    std::vector<Line> lines;
    float w = 0, h = 0;
};
Chip layoutChip(std::string_view label) {
    Chip c;
    float avail = availWidth(), textW = 0;
    c.lines = wrapLines(label, std::max(20.f, avail - 28), &textW);
    c.w = std::min(textW + 28, avail);
    c.h = std::max(kiosk::minTarget(36.f), ImGui::GetTextLineHeight() * static_cast<float>(c.lines.size()) + 12);
    return c;
}
void drawChip(const Chip& c, ImVec2 pos, bool on, bool hovered) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = on ? color::kBlueFrance : hovered ? color::kBlueLight : color::kWhite;
    float rounding = std::min(18.f, c.h * 0.5f);
    dl->AddRectFilled(pos, ImVec2(pos.x + c.w, pos.y + c.h), bg, rounding);
    dl->AddRect(pos, ImVec2(pos.x + c.w, pos.y + c.h), color::kBlueFrance, rounding, 0, 1.f);
    float textH = ImGui::GetTextLineHeight() * static_cast<float>(c.lines.size());
    drawLines(c.lines, ImVec2(pos.x + 14, pos.y + (c.h - textH) * 0.5f), on ? color::kWhite : color::kBlueFrance,
              c.w - 28, false);
}

}  // namespace

bool ToggleChip(std::string_view id, std::string_view label, bool& value) {
    std::string sid = idString(id);
    Chip chip = layoutChip(label);
    float w = chip.w, h = chip.h;
    flowPlace(w, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    bool hovered = ImGui::IsItemHovered();
    if (clicked) value = !value;
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        bool toggled;
        if (sem.consumeToggle(id, toggled) && toggled != value) {
            value = toggled;
            clicked = true;
        }
        SemNode& n = sem.add(id, Role::Checkbox, label);
        n.checked = value;
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
        scrollToIfFocusedNow(id);
    }
    drawChip(chip, pos, value, hovered);
    return clicked;
}

bool ChipChoice(std::string_view id, std::string_view label, const std::vector<std::string>& options, int& selected) {
    Semantics& sem = semantics();
    bool changed = false;
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t groupIndex = 0;
    if (!blocked) {
        sem.add(id, Role::RadioGroup, label);
        groupIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    // The label on its own line, the choices flowing under it.
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%.*s", static_cast<int>(label.size()), label.data());
    ImGui::PopStyleColor();
    BeginFlow(8.f, 8.f);
    for (size_t i = 0; i < options.size(); ++i) {
        std::string oid = std::string(id) + "." + std::to_string(i);
        Chip chip = layoutChip(options[i]);
        float w = chip.w, h = chip.h;
        flowPlace(w, h);
        ImVec2 pos = ImGui::GetCursorScreenPos();
        bool clicked = ImGui::InvisibleButton(oid.c_str(), ImVec2(w, h));
        bool on = static_cast<int>(i) == selected;
        bool hovered = ImGui::IsItemHovered();
        if (!blocked) {
            bool toggled;
            if (sem.consumeToggle(oid, toggled) && toggled) clicked = true;
            if (sem.consumeActivate(oid)) clicked = true;
            SemNode& n = sem.add(oid, Role::Radio, options[i]);
            n.checked = on;
            placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
            scrollToIfFocusedNow(oid);
        }
        drawChip(chip, pos, on, hovered);
        if (clicked && !on) {
            selected = static_cast<int>(i);
            changed = true;
        }
    }
    EndFlow();
    sem.popContainer();
    if (!blocked) {
        SemNode& g = sem.nodeAt(groupIndex);
        placeNode(g, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
    return changed;
}

namespace {
bool gDialogEscape = false;
}

bool DialogEscape() {
    bool e = gDialogEscape;
    gDialogEscape = false;
    return e;
}

bool BeginDialog(std::string_view id, std::string_view title, bool alert) {
    std::string sid = idString(id);
    ImGuiIO& io = ImGui::GetIO();
    // Dim the page behind the dialog.
    ImGui::GetForegroundDrawList();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(22, 22, 22, 140));
    ImGui::Begin((sid + "##dim").c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::End();
    ImGui::PopStyleColor();
    float w = std::min(520.f, io.DisplaySize.x - 32.f);
    // Fits the screen (a 320 px phone, a short landscape one) and scrolls inside;
    // on a kiosk, the part of it above the on-screen keyboard (drawn in front).
    const float keyboardH = kiosk::keyboardHeight(io.DisplaySize.x);
    const float availH = std::max(152.f, io.DisplaySize.y - keyboardH);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, availH * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, std::max(120.f, availH - 32.f)));
    // (Not while a key of the kiosk keyboard is held: taking focus from its
    // window would cancel the press. The keyboard is drawn in front anyway.)
    if (!kiosk::keyHeld()) ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 24));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.f);
    ImGui::Begin(sid.c_str(), nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    Semantics& sem = semantics();
    std::string key;
    gDialogEscape = sem.consumeKey(id, key) && key == "Escape";
    SemNode& n = sem.add(id, alert ? Role::AlertDialog : Role::Dialog, title);
    // A top-level node, wherever the screen opens it: its mirror is placed on the
    // page, never clipped by the scrolled content (which shrinks above a keyboard).
    n.parent.clear();
    ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    placeNode(n, p, ImVec2(p.x + s.x, p.y + s.y));
    // The kiosk keyboard's keys are mirrored inside the dialog (kiosk::drawKeyboard):
    // its box reaches down over the keyboard so they are not clipped out of it.
    if (keyboardH > 0) placeNode(n, ImVec2(0, p.y), ImVec2(io.DisplaySize.x, io.DisplaySize.y));
    sem.setModalOpen(id);
    kiosk::noteDialog(id);
    sem.pushContainer(id);
    gColumns.push_back(ColumnState{w - 48.f, 0.f, ImGui::GetCursorScreenPos().x});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 48.f);
    Heading(std::string(id) + ".title", title, 2);
    return true;
}

void EndDialog() {
    ImGui::PopTextWrapPos();
    gColumns.pop_back();
    semantics().popContainer();
    ImGui::End();
    ImGui::PopStyleVar(3);
}

}  // namespace alin::ui
