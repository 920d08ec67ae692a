// Reading "Mes données" (GET /api/v1/me/data's "data") into words, shared by the
// screen (screens/screen_my_data.cpp) and its printable version (my_data_html.cpp),
// so both say the same thing. Tolerant: a missing or mistyped field reads as empty.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/api_types.h"

namespace alin::client::mydata {

std::string str(const Json& j, const char* key);
int64_t num(const Json& j, const char* key);
const Json& list(const Json& j, const char* key);
std::string dateOr(int64_t at, const char* noneKey);  // the date, or the catalogue text of noneKey
std::string count(const char* key, size_t n);         // "3 alertes enregistrées" (key.one / key.other)
// One saved alert: "Créée le 26/11/2026, un résumé par jour à 9 h ; offres signalées : 2 (en pause)".
std::string alertLine(const Json& alert);

}  // namespace alin::client::mydata
