// "Ressources et aides au logement" (issue 12 item 7b): the household's net
// monthly resources and the expected housing aid (APL/AL), declared in the
// request file (PUT /api/v1/request/resources, docs/request-file-api.md); they
// feed the rent effort of the eligibility lines and of every offer. A link to
// the CAF simulator estimates the aid (a QR code on a kiosk: s.openExternal).
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawResources(AppState& s) {
    RequestFileState& r = s.request;
    static const ResourcesView none;
    const ResourcesView& res = r.file ? r.file->resources : none;
    if (!r.resourcesFormLoaded) {
        r.resourcesText = res.monthlyResourcesText;
        r.aidText = res.housingAidText;
        r.resourcesFormLoaded = true;
        for (const char* id : {"file.resources.monthly", "file.resources.aid"}) ui::semantics().bumpValue(id);
    }
    ui::Heading("file.resources", tr("ui.resources.title"), 2);
    ui::Paragraph(tr("ui.resources.intro"));
    const bool declared = res.declared;
    if (!declared) ui::Paragraph(tr("ui.resources.estimated"), ui::Tone::Mention);
    if (ui::TextField("file.resources.monthly", tr("ui.resources.monthly"), r.resourcesText,
                      {.hint = tr("ui.resources.monthly_hint"),
                       .error = r.resourcesErrors.at("monthlyResources"),
                       .digitPad = true}))
        r.resourcesErrors.byField.erase("monthlyResources"), r.resourcesNotice.clear();
    if (ui::FieldSubmitted("file.resources.monthly")) r.submitResources = true;
    if (ui::TextField(
            "file.resources.aid", tr("ui.resources.aid"), r.aidText,
            {.hint = tr("ui.resources.aid_hint"), .error = r.resourcesErrors.at("housingAid"), .digitPad = true}))
        r.resourcesErrors.byField.erase("housingAid"), r.resourcesNotice.clear();
    if (ui::FieldSubmitted("file.resources.aid")) r.submitResources = true;
    const std::string& simulator = res.simulatorUrl;
    if (!simulator.empty() && ui::Link("file.resources.simulator", tr("ui.resources.simulator"), simulator))
        s.openExternal = simulator;
    ui::Spacer(8);
    if (ui::Button("file.resources.save", r.busy ? tr("ui.common.wait") : tr("ui.resources.save"),
                   ui::ButtonKind::Secondary, r.busy))
        r.submitResources = true;
    if (!r.resourcesNotice.empty())
        ui::Notice("file.resources.notice", r.resourcesNotice, ui::Tone::Success);
    else if (declared && !res.declaredOnText.empty())
        ui::Paragraph(trf("ui.resources.declared_on", {res.declaredOnText}), ui::Tone::Mention, ui::fonts().small);
}

}  // namespace alin::client
