// Controller for the request file (guide §3, §4): turns the screens' intents
// into calls of docs/request-file-api.md and the replies into state.
#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/semantics.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

// "19/05/2020" -> "2020-05-19"; anything else is sent as typed (the server says what is wrong).
std::string isoFromFrench(const std::string& s) {
    if (s.size() == 10 && s[2] == '/' && s[5] == '/')
        return s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
    return s;
}

}  // namespace

void App::applyFile(const Json& file) {
    RequestFileState& r = state_.request;
    bool fresh = r.file.is_null() || r.file.value("numeroUnique", "") != file.value("numeroUnique", "");
    r.file = file;
    r.loaded = true;
    // The screen's own copies of what it edits in place.
    const Json& docs = file.value("documents", Json::object());
    const char* keys[4] = {"identite", "ressources", "avis_imposition", "motif"};
    if (r.docsPending == 0)
        for (int i = 0; i < 4; ++i) r.docs[i] = docs.value(keys[i], false);
    if (r.sharingPending == 0) r.sharingChoice = file.value("alin", Json::object()).value("sharingChoice", 0);
    if (fresh) {
        r.employerFormLoaded = false;
        r.resourcesFormLoaded = false;
        int step = file.value("step", 1);
        r.panel = step >= 1 && step <= 3 ? step : 1;
    }
}

void App::loadRequest() {
    RequestFileState& r = state_.request;
    r.busy = true;
    api_->send("GET", "/api/v1/request", nullptr, [this](const ApiReply& reply) {
        RequestFileState& r = state_.request;
        r.busy = false;
        if (reply.ok()) {
            applyFile(reply.body.value("file", Json()));
        } else if (reply.status == 404) {
            r.file = nullptr;
            r.loaded = true;
        } else if (reply.status == 401) {
            sessionExpired();
        } else {
            reportUnavailable(reply, [this] { loadRequest(); });
        }
    });
}

void App::sessionExpired() {
    const Route here = state_.route;
    state_.user.reset();
    state_.request = RequestFileState{};
    state_.login.notice = tr("ui.login.session_ended");
    state_.announce = state_.login.notice;
    const Screen p = here.screen;  // the protected pages (app.cpp needsLogin)
    if (p == Screen::Dashboard || p == Screen::Offers || p == Screen::OfferDetail || p == Screen::Applications ||
        p == Screen::Staff)
        state_.login.afterLogin = here;
    Navigate(state_, Screen::Login);
}

// Common reply handling for the file actions: file in, errors at their fields.
void App::fileReply(const ApiReply& reply, FieldErrorMap* errors, const char* successKey) {
    RequestFileState& r = state_.request;
    r.busy = false;
    if (reply.ok()) {
        if (reply.body.contains("file")) applyFile(reply.body["file"]);
        if (errors) errors->clear();
        r.error.clear();
        if (successKey) {
            r.notice = tr(successKey);
            state_.announce = r.notice;
        }
        return;
    }
    if (reply.status == 401) return sessionExpired();
    if (reply.unavailable()) {
        reportUnavailable(reply, nullptr);
        return;
    }
    if (errors) {
        errors->fromReply(reply.body);
        if (!errors->general.empty()) r.error = errors->general;
    } else {
        r.error = reply.errorMessage();
    }
    state_.announce = reply.errorMessage();
}

void App::processRequestIntents() {
    RequestFileState& r = state_.request;
    if (r.departmentsRequested && r.departments.empty() && !r.departmentsLoading) {
        r.departmentsRequested = false;
        r.departmentsLoading = true;
        api_->send("GET", "/api/v1/departments", nullptr, [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            r.departmentsLoading = false;
            if (!reply.ok()) return reportUnavailable(reply, [this] { state_.request.departmentsRequested = true; });
            r.departments.clear();
            for (const auto& d : reply.body.value("departments", Json::array())) {
                r.departments.push_back(Department{d.value("code", ""), d.value("name", ""), d.value("siteUrl", ""),
                                                   d.value("national", false)});
            }
        });
    }
    if (r.submitNu) {
        r.submitNu = false;
        r.busy = true;
        r.error.clear();
        r.importErrors.clear();
        api_->send("POST", "/api/v1/request/import", Json{{"numeroUnique", r.nu}}, [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            r.busy = false;
            if (reply.ok()) {
                r.codeSent = true;
                r.maskedEmail = reply.body.value("maskedEmail", "");
                state_.announce = trf("ui.import.code_sent", {r.maskedEmail});
                ui::semantics().requestFocus("import.code");
                return;
            }
            if (reply.status == 401) return sessionExpired();
            if (reply.unavailable()) return reportUnavailable(reply, [this] { state_.request.submitNu = true; });
            r.importErrors.fromReply(reply.body);
            if (r.importErrors.byField.empty() && r.importErrors.general.empty()) r.error = reply.errorMessage();
            r.error = r.importErrors.general;
            ui::semantics().requestFocus("import.nu");
            state_.announce = reply.errorMessage();
        });
    }
    if (r.submitCode) {
        r.submitCode = false;
        r.busy = true;
        api_->send("POST", "/api/v1/request/import/confirm", Json{{"numeroUnique", r.nu}, {"code", r.code}},
                   [this](const ApiReply& reply) {
                       RequestFileState& r = state_.request;
                       fileReply(reply, &r.importErrors, nullptr);
                       if (reply.ok()) {
                           r.codeSent = false;
                           r.code.clear();
                           state_.announce = tr("ui.import.done");
                       } else {
                           ui::semantics().requestFocus("import.code");
                       }
                   });
    }
    if (r.submitEmployer) {
        r.submitEmployer = false;
        r.busy = true;
        Json body{{"employerName", r.employerName},
                  {"companyCode", r.companyCode},
                  {"matricule", r.matricule},
                  {"hireDate", isoFromFrench(r.hireDate)},
                  {"cdii", r.cdii},
                  {"attachTo", r.attachTo}};
        api_->send("PUT", "/api/v1/request/employer", body, [this](const ApiReply& reply) {
            fileReply(reply, &state_.request.employerErrors, "ui.file.employer_ok");
        });
    }
    if (r.submitSharing) {
        r.submitSharing = false;
        ++r.sharingPending;
        api_->send("PUT", "/api/v1/request/sharing", Json{{"choice", r.sharingChoice}}, [this](const ApiReply& reply) {
            --state_.request.sharingPending;
            fileReply(reply, nullptr, "ui.file.sharing_saved");
        });
    }
    if (r.submitResources) {
        r.submitResources = false;
        r.busy = true;
        r.resourcesNotice.clear();
        Json body{{"monthlyResources", r.resourcesText}, {"housingAid", r.aidText}};
        api_->send("PUT", "/api/v1/request/resources", body, [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            fileReply(reply, &r.resourcesErrors, nullptr);
            if (reply.ok()) {
                r.resourcesFormLoaded = false;  // the amounts as the service wrote them back
                r.resourcesNotice = tr("ui.resources.saved");
                state_.announce = r.resourcesNotice;
                state_.offers.reload = true;  // the eligible offers may have changed
            } else if (!r.resourcesErrors.byField.empty()) {
                ui::semantics().requestFocus(r.resourcesErrors.byField.count("monthlyResources")
                                                 ? "file.resources.monthly"
                                                 : "file.resources.aid");
            }
        });
    }
    if (r.submitDocs) {
        r.submitDocs = false;
        Json body{
            {"identite", r.docs[0]}, {"ressources", r.docs[1]}, {"avis_imposition", r.docs[2]}, {"motif", r.docs[3]}};
        ++r.docsPending;
        api_->send("PUT", "/api/v1/request/documents", body, [this](const ApiReply& reply) {
            --state_.request.docsPending;
            fileReply(reply, nullptr, nullptr);
        });
    }
    if (r.submitValidate) {
        r.submitValidate = false;
        r.busy = true;
        api_->send("POST", "/api/v1/request/validate", Json::object(), [this](const ApiReply& reply) {
            if (reply.ok()) state_.scrollTop = true;  // the dashboard replaces the panels
            fileReply(reply, nullptr, "ui.file.validated");
        });
    }
    if (r.refresh) {
        r.refresh = false;
        r.busy = true;
        r.notice.clear();
        r.identityMismatch.clear();
        api_->send("POST", "/api/v1/request/refresh", Json::object(), [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            std::string code = reply.errorCode();
            if (reply.status == 409 && code == "code_required") {
                r.busy = false;
                r.legacyDialog = true;
                r.legacyCodeSent = false;
                ui::semantics().requestFocus("file.legacyConfirm");
                return;
            }
            if (reply.status == 409 && code == "identity_mismatch") {
                r.busy = false;
                r.identityMismatch = reply.errorMessage();
                state_.announce = r.identityMismatch;
                return;
            }
            fileReply(reply, nullptr, "ui.file.refreshed");
        });
    }
    if (r.sendLegacyCode) {
        r.sendLegacyCode = false;
        r.busy = true;
        api_->send("POST", "/api/v1/request/refresh/code", Json::object(), [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            r.busy = false;
            if (reply.ok()) {
                r.legacyCodeSent = true;
                r.legacyMasked = reply.body.value("maskedEmail", "");
                ui::semantics().requestFocus("file.legacyCode");
                return;
            }
            fileReply(reply, &r.legacyErrors, nullptr);
        });
    }
    if (r.submitLegacyCode) {
        r.submitLegacyCode = false;
        r.busy = true;
        api_->send("POST", "/api/v1/request/refresh/confirm", Json{{"code", r.legacyCode}},
                   [this](const ApiReply& reply) {
                       RequestFileState& r = state_.request;
                       if (reply.ok()) {
                           r.legacyDialog = false;
                           r.legacyCodeSent = false;
                           r.legacyCode.clear();
                       }
                       if (reply.status == 409 && reply.errorCode() == "identity_mismatch") {
                           r.busy = false;
                           r.legacyDialog = false;
                           r.identityMismatch = reply.errorMessage();
                           return;
                       }
                       fileReply(reply, &r.legacyErrors, "ui.file.refreshed");
                   });
    }
    if (r.doDelete) {
        r.doDelete = false;
        r.busy = true;
        api_->send("DELETE", "/api/v1/request", nullptr, [this](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            r.busy = false;
            if (reply.ok() || reply.status == 404) {
                const bool cancelled = reply.body.is_object() && reply.body.value("applicationCancelled", false);
                state_.request = RequestFileState{};
                state_.request.loaded = true;
                state_.announce = tr(cancelled ? "ui.file.deleted_application_cancelled" : "ui.file.deleted");
                return;
            }
            fileReply(reply, nullptr, nullptr);
        });
    }
}

}  // namespace alin::client
