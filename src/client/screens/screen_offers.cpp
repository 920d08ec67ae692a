// "Les offres" (guide §5) and the offer detail.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawOffers(AppState& s) {
    ui::BeginColumn(960);
    ui::Heading("offers.title", tr("ui.nav.offers"), 1);
    ui::Paragraph(tr("ui.offers.soon"));
    if (ui::Button("offers.back", tr("ui.nav.situation"), ui::ButtonKind::Secondary)) Navigate(s, Screen::Dashboard);
    ui::EndColumn();
}

void DrawOfferDetail(AppState& s) {
    ui::BeginColumn(960);
    ui::Heading("offer.title", tr("ui.title.offer"), 1);
    if (ui::Link("offer.back", tr("ui.offers.back"), "#/offres")) Navigate(s, Screen::Offers);
    ui::EndColumn();
}

void DrawApplications(AppState& s) {
    ui::BeginColumn(960);
    ui::Heading("applications.title", tr("ui.nav.applications"), 1);
    ui::Paragraph(tr("ui.applications.none"));
    if (ui::Button("applications.offers", tr("ui.nav.offers"))) Navigate(s, Screen::Offers);
    ui::EndColumn();
}

}  // namespace alin::client
