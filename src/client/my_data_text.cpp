#include "client/my_data_text.h"

#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin::client::mydata {

std::string str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

int64_t num(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : 0;
}

const Json& list(const Json& j, const char* key) {
    static const Json empty = Json::array();
    return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : empty;
}

std::string dateOr(int64_t at, const char* noneKey) {
    return at > 0 ? domain::formatDate(at) : std::string(tr(noneKey));
}

std::string count(const char* key, size_t n) {
    return trn(key, static_cast<long long>(n), {std::to_string(n)});
}

std::string alertLine(const Json& alert) {
    const std::string how = str(alert, "frequency") == "daily"
                                ? trf("mydata.alerts.daily", {std::to_string(num(alert, "digestHour"))})
                                : std::string(tr("mydata.alerts.immediate"));
    std::string line = trf("mydata.alerts.item", {domain::formatDate(num(alert, "createdAt")), how,
                                                  std::to_string(list(alert, "notifications").size())});
    if (alert.is_object() && alert.value("paused", false)) line += tr("mydata.alerts.paused");
    return line;
}

}  // namespace alin::client::mydata
