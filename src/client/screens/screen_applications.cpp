// "Mes candidatures" (guide §6): the active application with its position, its
// deadline, its status and the seven-step tracker; "Annuler cette candidature";
// the history of past applications.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

std::vector<std::string> stepLabels() {
    std::vector<std::string> v;
    for (int i = 1; i <= 7; ++i) v.emplace_back(tr("ui.app.step" + std::to_string(i)));
    return v;
}

void DrawActive(AppState& s, const ApplicationView& a) {
    ApplicationsState& st = s.applications;
    ui::Heading("app.active.title", a.offerTitle, 2);
    ui::Paragraph(trf("ui.common.pair", {a.offerTotalText, a.offerLandlord}), ui::Tone::Mention);
    ui::Spacer(4);
    // Two different counts, each saying what it counts: every application made on
    // the offer, then the rank among those still being examined.
    ui::Paragraph(a.positionText);
    if (!a.rankText.empty()) ui::Paragraph(a.rankText);
    if (ui::Link("app.rankingLink", tr("ui.app.ranking_link"), "#")) {
        st.showRanking = true;
        if (!st.ranking) st.rankingRequested = true;
    }
    ui::KeyValue(tr("ui.app.deadline"), a.deadlineText);
    ui::KeyValue(tr("ui.app.status"), a.statusText);
    ui::Spacer(8);
    // Built each frame (7 labels): a static copy would keep the first language shown.
    const std::vector<std::string> labels = stepLabels();
    ui::Stepper("app.tracker", tr("ui.app.tracker"), labels, a.step, a.failed);
    ui::Spacer(8);
    const bool canCancel = a.canCancel;
    if (ui::Button("app.cancel", tr("ui.app.cancel"), ui::ButtonKind::Secondary, !canCancel || st.busy))
        st.confirmCancel = true;
    if (!canCancel && !a.cannotCancelReason.empty())
        ui::Paragraph(a.cannotCancelReason, ui::Tone::Mention, ui::fonts().small);
    if (!a.events.empty()) {
        ui::Spacer(8);
        ui::Heading("app.events", tr("ui.app.events"), 2);
        for (const auto& [at, text] : a.events) ui::Paragraph(trf("ui.common.kv", {at, text}));
    }
}

}  // namespace

bool Housed(const AppState& s) {
    const ApplicationsState& st = s.applications;
    return st.loaded && st.active && st.active->stage == "lease_signed";
}

void DrawApplications(AppState& s) {
    ApplicationsState& st = s.applications;
    ui::BeginColumn(860);
    const bool housed = Housed(s);
    // After the lease is signed nothing is "en cours" any more.
    ui::Heading("applications.title", housed ? tr("ui.app.title_housed") : tr("ui.app.current"), 1);
    if (housed)
        ui::Notice("app.housed", tr("ui.app.housed"), ui::Tone::Success);
    else
        ui::Paragraph(tr("ui.app.intro"), ui::Tone::Mention);
    if (!st.notice.empty()) ui::Notice("app.notice", st.notice, ui::Tone::Success);
    if (!st.error.empty()) ui::Notice("app.error", st.error, ui::Tone::Error);
    if (!st.loaded) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
    } else if (!st.active) {
        ui::Paragraph(tr("ui.applications.none"));
        ui::Paragraph(tr("ui.app.one_at_a_time"), ui::Tone::Mention);
        if (ui::Button("applications.offers", tr("ui.nav.offers"))) Navigate(s, Screen::Offers);
    } else {
        if (!housed) ui::Notice("app.rule", tr("ui.app.one_at_a_time"), ui::Tone::Normal);
        DrawActive(s, *st.active);
    }
    if (st.loaded && !st.history.empty()) {
        ui::Spacer(16);
        ui::Heading("app.history", tr("ui.app.history"), 2);
        int i = 0;
        for (const ApplicationView& h : st.history) {
            std::string id = "app.history" + std::to_string(i++);
            ui::Paragraph(trf("ui.common.dash_pair", {h.offerTitle, h.outcomeText}), ui::Tone::Normal,
                          ui::fonts().bold);
            ui::Paragraph(h.createdText, ui::Tone::Mention, ui::fonts().small);
            ui::Spacer(4);
        }
    }
    ui::EndColumn();

    if (st.confirmCancel) {
        if (ui::BeginDialog("app.cancelDialog", tr("ui.app.cancel_title"))) {
            ui::Paragraph(tr("ui.app.cancel_body"));
            ui::Spacer(8);
            ui::BeginButtonGroup();
            if (ui::Button("app.cancelConfirm", tr("ui.app.cancel_confirm"))) {
                st.confirmCancel = false;
                st.cancel = true;
            }
            if (ui::Button("app.cancelKeep", tr("ui.app.cancel_keep"), ui::ButtonKind::Secondary) || ui::DialogEscape())
                st.confirmCancel = false;
            ui::EndButtonGroup();
            ui::EndDialog();
        }
    }
    if (st.showRanking) {
        if (ui::BeginDialog("app.rankingDialog", tr("ui.app.ranking_link"))) {
            if (!st.ranking) {
                ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
            } else {
                for (const std::string& p : *st.ranking) ui::Paragraph(p);
            }
            ui::Spacer(8);
            if (ui::Button("app.rankingClose", tr("banner.close")) || ui::DialogEscape()) st.showRanking = false;
            ui::EndDialog();
        }
    }
}

}  // namespace alin::client
