#include "client/views.h"

#include <stdexcept>

#include "client/my_data_text.h"

namespace alin::client {

namespace reply {

namespace {

const Json* find(const Json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

[[noreturn]] void wrongShape(const char* key, const char* expected) {
    throw std::runtime_error(std::string("reply: \"") + key + "\" is not " + expected);
}

}  // namespace

std::string text(const Json& j, const char* key) {
    const Json* v = find(j, key);
    if (!v) return {};
    if (!v->is_string()) wrongShape(key, "a string");
    return v->get<std::string>();
}

int64_t integer(const Json& j, const char* key, int64_t otherwise) {
    const Json* v = find(j, key);
    if (!v) return otherwise;
    if (!v->is_number_integer()) wrongShape(key, "an integer");
    return v->get<int64_t>();
}

bool flag(const Json& j, const char* key, bool otherwise) {
    const Json* v = find(j, key);
    if (!v) return otherwise;
    if (!v->is_boolean()) wrongShape(key, "a boolean");
    return v->get<bool>();
}

const Json& object(const Json& j, const char* key) {
    static const Json empty = Json::object();
    const Json* v = find(j, key);
    if (!v) return empty;
    if (!v->is_object()) wrongShape(key, "an object");
    return *v;
}

const Json& array(const Json& j, const char* key) {
    static const Json empty = Json::array();
    const Json* v = find(j, key);
    if (!v) return empty;
    if (!v->is_array()) wrongShape(key, "an array");
    return *v;
}

}  // namespace reply

using reply::array;
using reply::flag;
using reply::integer;
using reply::object;
using reply::text;

namespace {

int small(const Json& j, const char* key, int otherwise) {
    return static_cast<int>(integer(j, key, otherwise));
}

}  // namespace

OfferDetailView OfferDetailFromJson(const Json& r) {
    const Json& f = object(r, "offer");
    OfferDetailView v;
    v.id = integer(f, "id", -1);
    v.title = text(f, "title");
    v.address = text(f, "address");
    v.distanceText = text(f, "distanceText");
    v.rentText = text(f, "rentText");
    v.chargesText = text(f, "chargesText");
    v.totalText = text(f, "totalText");
    v.effortSentence = text(f, "effortSentence");
    v.kind = text(f, "kind");
    v.typology = text(f, "typology");
    v.surfaceText = text(f, "surfaceText");
    v.floorText = text(f, "floorText");
    v.heating = text(f, "heating");
    v.energyLabel = text(f, "energyLabel");
    v.funding = text(f, "funding");
    v.landlord = text(f, "landlord");
    v.availableText = text(f, "availableText");
    v.deadlineText = text(f, "deadlineText");
    v.applicationsText = text(f, "applicationsText");
    v.house = flag(f, "house");
    v.pmr = flag(f, "pmr");
    v.canApply = flag(r, "canApply");
    v.cannotApplyReason = text(r, "cannotApplyReason");
    const Json& active = object(r, "activeApplication");
    v.activeOfferId = integer(active, "offerId");
    v.activeOfferTitle = text(active, "offerTitle");
    return v;
}

ApplicationView ApplicationFromJson(const Json& j) {
    if (!j.is_object()) throw std::runtime_error("reply: an application is not an object");
    ApplicationView a;
    a.id = integer(j, "id");
    a.createdAt = integer(j, "createdAt");
    a.stage = text(j, "stage");
    const Json& offer = object(j, "offer");
    a.offerTitle = text(offer, "title");
    a.offerTotalText = text(offer, "totalText");
    a.offerLandlord = text(offer, "landlord");
    a.positionText = text(j, "positionText");
    a.rankText = text(j, "rankText");
    a.deadlineText = text(j, "deadlineText");
    a.statusText = text(j, "statusText");
    a.cannotCancelReason = text(j, "cannotCancelReason");
    a.outcomeText = text(j, "outcomeText");
    a.createdText = text(j, "createdText");
    a.step = small(j, "step", 1);
    a.failed = flag(j, "failed");
    a.canCancel = flag(j, "canCancel");
    for (const Json& e : array(j, "events")) a.events.emplace_back(text(e, "atText"), text(e, "text"));
    return a;
}

std::vector<std::string> RankingFromJson(const Json& r) {
    std::vector<std::string> paragraphs;
    for (const Json& p : array(r, "paragraphs"))
        if (p.is_string()) paragraphs.push_back(p.get<std::string>());
    return paragraphs;
}

std::vector<AlertView> AlertsFromJson(const Json& r) {
    std::vector<AlertView> out;
    for (const Json& j : array(r, "alerts")) {
        AlertView a;
        a.id = integer(j, "id");
        a.paused = flag(j, "paused");
        a.frequency = text(j, "frequency");
        a.createdText = text(j, "createdText");
        a.summary = text(j, "summary");
        a.digestHour = small(j, "digestHour", 8);
        out.push_back(std::move(a));
    }
    return out;
}

namespace {

ContactMessageView MessageFromJson(const Json& m) {
    ContactMessageView v;
    v.id = integer(m, "id");
    v.createdAt = integer(m, "createdAt");
    v.answeredAt = integer(m, "answeredAt");
    v.applicationId = integer(m, "applicationId");
    v.subjectLabel = text(m, "subjectLabel");
    v.message = text(m, "message");
    v.status = text(m, "status");
    v.answer = text(m, "answer");
    v.applicantName = text(m, "applicantName");
    v.applicantEmail = text(m, "applicantEmail");
    return v;
}

}  // namespace

ContactView ContactFromJson(const Json& r) {
    ContactView v;
    for (const Json& m : array(r, "messages")) v.messages.push_back(MessageFromJson(m));
    for (const Json& s : array(r, "subjects")) v.subjects.push_back({text(s, "code"), text(s, "label")});
    v.maxLength = integer(r, "maxLength", 2000);
    v.perDay = small(r, "perDay", 5);
    return v;
}

std::vector<ContactMessageView> InboxFromJson(const Json& r) {
    std::vector<ContactMessageView> out;
    for (const Json& m : array(r, "messages")) out.push_back(MessageFromJson(m));
    return out;
}

StaffView StaffFromJson(const Json& r) {
    StaffView v;
    for (const Json& a : array(r, "applications")) {
        StaffApplicationView s;
        s.id = integer(a, "id");
        const Json& offer = object(a, "offer");
        s.offerId = integer(offer, "id");
        s.offerTitle = text(offer, "title");
        s.offerLandlord = text(offer, "landlord");
        s.stage = text(a, "stage");
        s.statusText = text(a, "statusText");
        s.rank = small(a, "rank", 0);
        s.total = small(a, "total", 0);
        const Json& who = object(a, "applicant");
        s.applicant = {text(who, "name"), text(who, "nu"), text(who, "incomeText"), text(who, "priority"),
                       small(who, "persons", 1)};
        v.applications.push_back(std::move(s));
    }
    for (const Json& o : array(r, "offers")) {
        StaffOfferView s;
        s.id = integer(o, "id");
        s.title = text(o, "title");
        for (const Json& c : array(o, "candidates"))
            s.candidates.push_back({integer(c, "applicationId"), text(c, "name"), text(c, "statusText"),
                                    text(c, "stage"), flag(c, "canProvideDocument"), flag(c, "canSignLease")});
        v.offers.push_back(std::move(s));
    }
    for (const Json& q : array(r, "requests")) {
        StaffRequestView s;
        s.choice = small(q, "choice", 0);
        for (const Json& f : array(q, "fields")) s.fields.emplace_back(text(f, "label"), text(f, "value"));
        for (const Json& a : array(q, "applications"))
            s.applications.emplace_back(text(object(a, "offer"), "title"), text(a, "statusText"));
        v.requests.push_back(std::move(s));
    }
    return v;
}

// The export is read as tolerantly as its printable version (my_data_text.h):
// both say the same thing of the same document.
MyDataView MyDataFromJson(const Json& d) {
    using mydata::list;
    using mydata::num;
    using mydata::str;
    MyDataView v;
    const Json& a = d.is_object() ? d.value("account", Json::object()) : Json::object();
    v.account = {str(a, "birthName"),    str(a, "firstName"), str(a, "email"),    str(a, "phone"),
                 str(a, "organisation"), num(a, "createdAt"), num(a, "consentAt")};
    if (d.is_object() && d.contains("requestFile") && d["requestFile"].is_object()) {
        const Json& f = d["requestFile"];
        v.request = MyDataView::Request{str(f, "numeroUnique"), str(f, "employerName"), num(f, "importedAt"),
                                        num(f, "refreshedAt"), num(f, "validatedAt")};
    }
    for (const Json& e : list(d, "requestHistory")) v.requestHistory.push_back({num(e, "at"), str(e, "event")});
    const Json& sharing = d.is_object() && d.contains("sharingChoices") ? d["sharingChoices"] : Json::object();
    v.sharingCurrent = num(sharing, "current");
    for (const Json& c : list(sharing, "changes")) v.sharingChanges.emplace_back(num(c, "at"), num(c, "choice"));
    for (const Json& app : list(d, "applications"))
        v.applications.push_back({num(app, "offerId"), num(app, "createdAt"), str(app, "stage"),
                                  list(app, "events").size(), app.is_object() && app.value("active", false)});
    for (const Json& m : list(d, "emails")) v.emails.push_back({num(m, "createdAt"), str(m, "subject")});
    for (const Json& m : list(d, "messages")) v.messages.push_back({num(m, "createdAt"), str(m, "subjectLabel")});
    for (const Json& l : list(d, "logins")) v.logins.push_back({num(l, "at"), str(l, "device")});
    for (const Json& alert : list(d, "alerts")) v.alertLines.push_back(mydata::alertLine(alert));
    return v;
}

}  // namespace alin::client
