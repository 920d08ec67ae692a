# Compiles the migrations into the server as string literals, so the binary
# never reads the source tree and the SQL is written once per dialect:
#   server-stub/migrations/NNNN_name.sql            -> generated/migrations.inc    (SQLite)
#   server-stub/migrations/postgresql/NNNN_name.sql -> generated/migrations_pg.inc (PostgreSQL)
# Both dialects carry the same version numbers and names (checked here), so a
# migration is numbered once. Editing a .sql file re-runs this at build time.
function(alin_embed_migrations dir out)
  file(GLOB files ${dir}/*.sql)
  list(SORT files)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  set(text "// Generated from ${dir}/*.sql by cmake/embed_migrations.cmake: do not edit.\n")
  set(names "")
  foreach(f ${files})
    get_filename_component(name ${f} NAME_WE)
    list(APPEND names ${name})
    string(SUBSTRING ${name} 0 4 number)
    math(EXPR version "${number}")
    file(READ ${f} sql)
    string(FIND "${sql}" ")alin_sql\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${f} contains the raw-string delimiter )alin_sql\"")
    endif()
    string(APPEND text "{${version}, \"${name}\", R\"alin_sql(${sql})alin_sql\"},\n")
  endforeach()
  file(WRITE ${CMAKE_BINARY_DIR}/generated/${out}.tmp "${text}")
  file(COPY_FILE ${CMAKE_BINARY_DIR}/generated/${out}.tmp ${CMAKE_BINARY_DIR}/generated/${out} ONLY_IF_DIFFERENT)
  set(ALIN_MIGRATION_NAMES_${out} "${names}" PARENT_SCOPE)
endfunction()

alin_embed_migrations(${CMAKE_SOURCE_DIR}/server-stub/migrations migrations.inc)
alin_embed_migrations(${CMAKE_SOURCE_DIR}/server-stub/migrations/postgresql migrations_pg.inc)
if(NOT "${ALIN_MIGRATION_NAMES_migrations.inc}" STREQUAL "${ALIN_MIGRATION_NAMES_migrations_pg.inc}")
  message(FATAL_ERROR "SQLite and PostgreSQL migrations differ: ${ALIN_MIGRATION_NAMES_migrations.inc} vs "
                      "${ALIN_MIGRATION_NAMES_migrations_pg.inc} (server-stub/migrations/postgresql/ must have "
                      "the twin of every migration)")
endif()
