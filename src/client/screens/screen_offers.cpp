// "Les offres" (guide §5): filters, "Où souhaitez-vous habiter ?" with the three
// tabs, the virtualised list of offer cards, the detail, "Je postule".
#include <algorithm>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "i18n/catalog.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace alin::client {

namespace {

constexpr float kCardHeight = 118.f;
constexpr float kCardGap = 12.f;

const char* kTabKeys[3] = {"ui.offers.tab_requested", "ui.offers.tab_neighbours", "ui.offers.tab_others"};

void DrawFilters(AppState& s) {
    OffersState& o = s.offers;
    ui::BeginFieldGroup("offers.roomsGroup", tr("ui.offers.rooms"));
    ui::Paragraph(tr("ui.offers.rooms"), ui::Tone::Normal, ui::fonts().bold);
    ui::BeginFlow();
    for (int i = 0; i < 5; ++i) {
        const std::string label = i == 4 ? std::string(tr("ui.offers.rooms_five_more"))
                                         : trn("ui.offers.rooms_n", i + 1, {std::to_string(i + 1)});
        ui::ToggleChip("offers.rooms" + std::to_string(i + 1), label, o.rooms[i]);
    }
    ui::EndFlow();
    ui::EndFieldGroup();
    ui::Spacer(4);
    ui::BeginFlow();
    ui::ToggleChip("offers.house", tr("ui.offers.house"), o.house);
    ui::ToggleChip("offers.apartment", tr("ui.offers.apartment"), o.apartment);
    ui::ToggleChip("offers.pmr", tr("ui.offers.pmr"), o.pmr);
    ui::EndFlow();
    ui::Spacer(4);
    ui::Paragraph(tr("ui.offers.price"), ui::Tone::Normal, ui::fonts().bold);
    // Side by side on wide columns, one under the other on phones.
    bool narrow = ui::NarrowColumn();
    float half = narrow ? 0.f : std::min(200.f, (ui::ColumnWidth() - 16) / 2);
    // One price message under both fields (not one under each, which made the
    // fields jump out of line).
    const std::string& priceError =
        o.filterErrors.at("priceMin").empty() ? o.filterErrors.at("priceMax") : o.filterErrors.at("priceMin");
    ImGui::BeginGroup();
    if (ui::TextField("offers.priceMin", tr("ui.offers.price_min"), o.priceMin,
                      {.inputType = "text", .width = half, .digitPad = true}))
        o.filterErrors.byField.erase("priceMin");
    ImGui::EndGroup();
    if (!narrow) ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    if (ui::TextField("offers.priceMax", tr("ui.offers.price_max"), o.priceMax,
                      {.inputType = "text", .width = half, .digitPad = true}))
        o.filterErrors.byField.erase("priceMax");
    ImGui::EndGroup();
    if (!priceError.empty()) ui::Paragraph(priceError, ui::Tone::Error, nullptr, "offers.price.error");
    // Built each frame (a few labels): a static copy would keep the first language shown.
    std::vector<std::string> sorts = {tr("ui.offers.sort.price_asc"), tr("ui.offers.sort.price_desc"),
                                      tr("ui.offers.sort.surface"),   tr("ui.offers.sort.available"),
                                      tr("ui.offers.sort.deadline"),  tr("ui.offers.sort.newest")};
    const size_t withoutDistance = sorts.size();
    // "Proche de mon travail" only when the request gives the workplace.
    if (!o.workplace.empty()) sorts.push_back(tr("ui.offers.sort.distance"));
    if (o.workplace.empty() && o.sort >= static_cast<int>(withoutDistance)) o.sort = 0;
    ui::ChipChoice("offers.sort", tr("ui.offers.sort"), sorts, o.sort);
    ui::Spacer(4);
    ui::BeginButtonGroup();
    bool apply = ui::Button("offers.apply", tr("ui.offers.apply"));
    if (ui::FieldSubmitted("offers.priceMin") || ui::FieldSubmitted("offers.priceMax")) apply = true;
    if (apply) o.reload = true;
    if (ui::Button("offers.reset", tr("ui.offers.reset"), ui::ButtonKind::Tertiary)) {
        OffersState fresh;
        fresh.tab = o.tab;
        o = std::move(fresh);
        ui::semantics().bumpValue("offers.priceMin");
        ui::semantics().bumpValue("offers.priceMax");
    }
    ui::EndButtonGroup();
}

// "Créer une alerte avec ces critères" (issue 14): the tab and filters shown,
// then the confirmation with the way to "Mes alertes".
void DrawCreateAlert(AppState& s) {
    AlertsState& st = s.alerts;
    ui::Spacer(4);
    if (ui::Button("offers.createAlert", tr("ui.alerts.create"), ui::ButtonKind::Secondary, st.busy))
        st.createFromOffers = true;
    if (!st.offersNotice.empty()) {
        ui::Notice("offers.alertCreated", st.offersNotice, ui::Tone::Success);
        if (ui::Link("offers.manageAlerts", tr("ui.alerts.manage"), "#/alertes")) Navigate(s, Screen::Alerts);
    }
}

// One height for every card of the list (the clipper needs it): the tallest
// loaded card at this width, wrapped lines included. Measured again only when
// the width, the query or the loaded pages change.
float CardHeightFor(const OffersState& o, float width) {
    static float cachedW = -1, cachedH = kCardHeight;
    static uint32_t cachedGen = ~0u;
    static size_t cachedLoaded = 0;
    size_t loaded = 0;
    for (uint8_t st : o.pageState) loaded += st == 2;
    if (width == cachedW && o.generation == cachedGen && loaded == cachedLoaded) return cachedH;
    cachedW = width;
    cachedGen = o.generation;
    cachedLoaded = loaded;
    cachedH = kCardHeight;
    for (const OfferCard& c : o.cards)
        if (c.id != 0) cachedH = std::max(cachedH, ui::CardHeight(c.title, c.lines, 3, width, ui::Picture::Apartment));
    return cachedH;
}

}  // namespace

// Desktop (>= kSideFiltersMinWidth): the filters in a side column left of the
// results, so results start on the first screen; phones and tablets keep them above.
constexpr float kSideFiltersMinWidth = 1024.f;
constexpr float kSideFiltersWidth = 288.f;
constexpr float kSideFiltersGap = 32.f;

void DrawOffers(AppState& s) {
    OffersState& o = s.offers;
    const bool side = ImGui::GetIO().DisplaySize.x >= kSideFiltersMinWidth;
    ui::BeginColumn(side ? 1200.f : 960.f);
    ui::Heading("offers.title", tr("ui.nav.offers"), 1);
    if (!s.request.loaded) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        ui::EndColumn();
        return;
    }
    if (!s.request.file || !s.request.file->validated) {
        ui::Notice("offers.needFile", tr("ui.offers.need_file"), ui::Tone::Normal);
        if (ui::Button("offers.toFile", tr("ui.nav.situation"))) Navigate(s, Screen::Dashboard);
        ui::EndColumn();
        return;
    }
    if (Housed(s)) {
        ui::Notice("offers.housed", tr("ui.offers.housed"), ui::Tone::Success);
        if (ui::Button("offers.toApplications", tr("ui.nav.applications"))) Navigate(s, Screen::Applications);
        ui::EndColumn();
        return;
    }
    float filtersBottom = 0;
    if (side) {
        const float top = ImGui::GetCursorScreenPos().y, whole = ui::ColumnWidth();
        ui::BeginSubColumn(0, kSideFiltersWidth, top);
        DrawFilters(s);
        DrawCreateAlert(s);
        filtersBottom = ImGui::GetCursorScreenPos().y;
        ui::EndSubColumn();
        const float x = ImGui::GetCursorScreenPos().x + kSideFiltersWidth + kSideFiltersGap * 0.5f;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x, top), ImVec2(x, filtersBottom), ui::color::kBorder);
        ui::BeginSubColumn(kSideFiltersWidth + kSideFiltersGap, whole - kSideFiltersWidth - kSideFiltersGap, top);
    } else {
        DrawFilters(s);
        DrawCreateAlert(s);
        ui::Spacer(16);
    }
    ui::Heading("offers.where", tr("ui.offers.where"), 2);
    ui::BeginTabBar("offers.tabs", tr("ui.offers.where"));
    for (int t = 0; t < 3; ++t) {
        if (ui::Tab("offers.tab" + std::to_string(t), tr(kTabKeys[t]), o.tab == t, o.counts[t]) && o.tab != t) {
            o.tab = t;
            o.reload = true;
            s.announce = tr(kTabKeys[t]);
        }
    }
    ui::EndTabBar();
    ui::BeginTabPanel("offers.panel", "offers.tab" + std::to_string(o.tab));
    if (!o.error.empty()) ui::Notice("offers.error", o.error, ui::Tone::Error);
    if (o.total < 0) {
        ui::Paragraph(tr("ui.offers.loading"), ui::Tone::Mention);
    } else if (o.total == 0) {
        // Say what helps: the filters hide everything, or another tab has offers.
        const bool filtered = o.rooms[0] || o.rooms[1] || o.rooms[2] || o.rooms[3] || o.rooms[4] || o.house ||
                              o.apartment || o.pmr || !o.priceMin.empty() || !o.priceMax.empty();
        int other = -1;
        for (int t = 0; t < 3; ++t)
            if (t != o.tab && o.counts[t] > 0 && other < 0) other = t;
        if (other >= 0) {
            ui::Notice("offers.empty",
                       trf("ui.offers.empty_other_tab", {tr(kTabKeys[other]), std::to_string(o.counts[other])}),
                       ui::Tone::Normal);
        } else {
            ui::Notice("offers.empty", filtered ? tr("ui.offers.empty_filters") : tr("ui.offers.empty"),
                       ui::Tone::Normal);
        }
        if (filtered && ui::Button("offers.resetEmpty", tr("ui.offers.reset"), ui::ButtonKind::Secondary)) {
            OffersState fresh;
            fresh.tab = o.tab;
            o = std::move(fresh);
            ui::semantics().bumpValue("offers.priceMin");
            ui::semantics().bumpValue("offers.priceMax");
        }
    } else {
        ui::Paragraph(trn("ui.offers.count", o.total, {domain::formatNumber(o.total)}), ui::Tone::Mention);
        if (!o.workplace.empty()) ui::Paragraph(trf("ui.offers.distance_note", {o.workplace}), ui::Tone::Mention);
        if (o.restoreScroll) {
            // Back from a detail: the list where it was, and focus on the card that
            // was opened (not on the h1: a keyboard user would Tab through every
            // filter again). Focus from the shell reveals the card if needed.
            ImGui::SetScrollY(o.scrollY);
            o.restoreScroll = false;
            if (o.detailId != 0) ui::semantics().requestFocus("offers.card" + std::to_string(o.detailId));
        }
        // The visible cards are drawn; they and kMirrorMargin cards either side are
        // mirrored as a list (aria-setsize/posinset), so reading and Tab reach every
        // offer: focusing the last mirrored card scrolls, and the window follows.
        // Missing pages of that window are fetched.
        o.wantedPages.clear();
        const float cardH = CardHeightFor(o, ui::ColumnWidth());
        const float rowH = cardH + kCardGap;
        const int kMirrorMargin = 24;
        ImVec2 start = ImGui::GetCursorScreenPos();
        const ImRect& clip = ImGui::GetCurrentWindow()->ClipRect;
        int first = std::clamp(static_cast<int>((clip.Min.y - start.y) / rowH), 0, o.total);
        int last = std::clamp(static_cast<int>((clip.Max.y - start.y) / rowH) + 1, first, o.total);
        int mirrorFirst = std::max(0, first - kMirrorMargin), mirrorLast = std::min(o.total, last + kMirrorMargin);
        ui::BeginList("offers.list", tr("ui.nav.offers"));
        for (int i = mirrorFirst; i < mirrorLast; ++i) {
            bool visible = i >= first && i < last;
            ImVec2 p(start.x, start.y + i * rowH);
            ImGui::SetCursorScreenPos(p);
            int page = i / OffersState::kPageSize;
            if (page >= static_cast<int>(o.pageState.size()) || o.pageState[page] != 2 ||
                i >= static_cast<int>(o.cards.size()) || o.cards[i].id == 0) {
                if (std::find(o.wantedPages.begin(), o.wantedPages.end(), page) == o.wantedPages.end())
                    o.wantedPages.push_back(page);
                if (visible)
                    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ui::ColumnWidth(), p.y + cardH),
                                                              ui::color::kBackgroundAlt, 4.f);
                continue;
            }
            const OfferCard& c = o.cards[i];
            ImGui::PushID(i);
            std::string cardId = "offers.card" + std::to_string(c.id);
            ui::BeginListItem(cardId + ".item", i + 1, o.total, cardH);
            if (ui::Card(cardId, c.title, c.lines, 3, c.name, cardH, visible,
                         c.house ? ui::Picture::House : ui::Picture::Apartment, "#/offre/" + std::to_string(c.id))) {
                o.scrollY = ImGui::GetScrollY();
                Navigate(s, Screen::OfferDetail, std::to_string(c.id));
            }
            ui::EndListItem();
            ImGui::PopID();
        }
        ImGui::SetCursorScreenPos(start);
        ImGui::Dummy(ImVec2(ui::ColumnWidth(), o.total * rowH));
        ui::EndList();
        o.scrollY = ImGui::GetScrollY();
    }
    ui::EndTabPanel();
    if (side) {
        ui::EndSubColumn();
        // The page is as tall as the longer of the two columns.
        if (ImGui::GetCursorScreenPos().y < filtersBottom) {
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, filtersBottom));
            ui::Spacer(1);
        }
    }
    ui::EndColumn();
}

void DrawOfferDetail(AppState& s) {
    OffersState& o = s.offers;
    ui::BeginColumn(860);
    if (ui::Link("offer.back", tr("ui.offers.back"), "#/offres")) {
        o.restoreScroll = true;
        Navigate(s, Screen::Offers);
    }
    ui::Spacer(8);
    if (!o.detailError.empty()) {
        ui::Notice("offer.error", o.detailError, ui::Tone::Error);
        ui::EndColumn();
        return;
    }
    if (!o.detail) {
        ui::Heading("offer.loading", tr("app.loading"), 1);
        ui::EndColumn();
        return;
    }
    const OfferDetailView& f = *o.detail;
    ui::Heading("offer.title", f.title, 1);
    ui::PictureBox(f.house ? ui::Picture::House : ui::Picture::Apartment, std::min(ui::ColumnWidth(), 288.f), 144.f);
    ui::Spacer(8);
    ui::Paragraph(f.address);
    if (!f.distanceText.empty()) ui::Paragraph(f.distanceText, ui::Tone::Mention);
    ui::Spacer(8);
    ui::Heading("offer.rent", tr("ui.offer.rent"), 2);
    ui::KeyValue(tr("ui.offer.rent_hc"), f.rentText);
    ui::KeyValue(tr("ui.offer.charges"), f.chargesText);
    ui::KeyValue(tr("ui.offer.total"), f.totalText);
    if (!f.effortSentence.empty()) ui::Paragraph(f.effortSentence);
    ui::Spacer(8);
    ui::Heading("offer.dwelling", tr("ui.offer.dwelling"), 2);
    ui::KeyValue(tr("ui.offer.kind"), f.kind);
    ui::KeyValue(tr("ui.offer.typology"), f.typology);
    ui::KeyValue(tr("ui.offer.surface"), f.surfaceText);
    ui::KeyValue(tr("ui.offer.floor"), f.floorText);
    ui::KeyValue(tr("ui.offer.heating"), f.heating);
    ui::KeyValue(tr("ui.offer.energy"), f.energyLabel);
    ui::KeyValue(tr("ui.offer.pmr"), f.pmr ? tr("ui.common.yes") : tr("ui.common.no"));
    ui::KeyValue(tr("ui.offer.funding"), f.funding);
    ui::KeyValue(tr("ui.offer.landlord"), f.landlord);
    ui::KeyValue(tr("ui.offer.available"), f.availableText);
    ui::Spacer(8);
    ui::Heading("offer.application", tr("ui.offer.application"), 2);
    ui::KeyValue(tr("ui.offer.deadline"), f.deadlineText);
    ui::Paragraph(f.applicationsText);  // plural-aware, worded by the server
    ui::Spacer(8);
    if (!o.applyError.empty()) ui::Notice("offer.applyError", o.applyError, ui::Tone::Error);
    // The application already made: on this offer, say so and link to it (no
    // "Je postule"); on another offer, name it (the rule of one).
    const int64_t activeOffer = f.activeOfferId;
    if (activeOffer != 0 && activeOffer == f.id) {
        ui::Notice("offer.appliedHere", tr("ui.offer.applied_here"), ui::Tone::Success);
        if (ui::Link("offer.toApplication", tr("ui.offer.see_application"), "#/candidatures"))
            Navigate(s, Screen::Applications);
    } else {
        bool canApply = f.canApply;
        if (!canApply && !f.cannotApplyReason.empty())
            ui::Notice("offer.cannot", f.cannotApplyReason, ui::Tone::Normal);
        if (activeOffer != 0) {
            ui::Notice("offer.activeElsewhere", trf("ui.offer.active_elsewhere", {f.activeOfferTitle}),
                       ui::Tone::Normal);
            if (ui::Link("offer.toApplication", tr("ui.offer.see_application"), "#/candidatures"))
                Navigate(s, Screen::Applications);
            canApply = false;
        }
        if (ui::Button("offer.apply", o.applying ? tr("ui.common.wait") : tr("ui.offer.apply"), ui::ButtonKind::Primary,
                       !canApply || o.applying))
            o.apply = true;
    }
    ui::EndColumn();
    if (o.appliedDialog) {
        if (ui::BeginDialog("offer.appliedDialog", tr("ui.offer.applied"))) {
            ui::Spacer(8);
            if (ui::Button("offer.appliedOk", tr("common.ok")) || ui::DialogEscape()) {
                o.appliedDialog = false;
                Navigate(s, Screen::Applications);
            }
            ui::EndDialog();
        }
    }
}

}  // namespace alin::client
