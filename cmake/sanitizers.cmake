# Applies VITRINE_SANITIZE to everything built after this point (presets `asan`, `tsan`).
if(VITRINE_SANITIZE)
  list(JOIN VITRINE_SANITIZE "," _vitrine_sanitizers)
  add_compile_options(-fsanitize=${_vitrine_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_vitrine_sanitizers})
  message(STATUS "vitrine: sanitizers ${_vitrine_sanitizers}")
endif()
