#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawDashboard(AppState& s) {
    ui::BeginColumn(720);
    if (!s.user) {
        ui::Heading("dashboard.loading", tr("app.loading"), 1);
        ui::EndColumn();
        return;
    }
    ui::Heading("dashboard.title", trf("ui.dashboard.hello", {s.user->firstName}), 1);
    ui::Paragraph(tr("ui.dashboard.intro"));
    ui::Spacer(8);
    ui::Heading("dashboard.account", tr("ui.dashboard.account"), 2);
    ui::Paragraph(trf("ui.dashboard.name", {s.user->firstName, s.user->birthName}));
    ui::Paragraph(trf("ui.dashboard.email", {s.user->email}));
    ui::Paragraph(trf("ui.dashboard.phone", {domain::formatFrenchPhone(s.user->phone)}));
    ui::Spacer(16);
    ui::Notice("dashboard.next", tr("ui.dashboard.next"), ui::Tone::Normal);
    ui::Spacer(8);
    if (ui::Button("dashboard.logout", tr("nav.logout"), ui::ButtonKind::Secondary)) s.logout = true;
    ui::EndColumn();
}

}  // namespace alin::client
