// Writes the English catalogue as the JSON file the browser client loads when
// English is chosen (alin-en.json, cmake/web.cmake). Built by the wasm build
// with English inside and run by node, so the file holds exactly the texts the
// server and the native builds compile in (i18n::catalogueJson).
#include <cstdio>
#include <string>

#include "i18n/catalog.h"

int main() {
    const std::string json = alin::i18n::catalogueJson(alin::i18n::Lang::En) + "\n";
    std::fwrite(json.data(), 1, json.size(), stdout);
    return 0;
}
