# Applies VITRINE_SANITIZE to everything built after this point (presets `asan`, `tsan`).
if(VITRINE_SANITIZE)
  list(JOIN VITRINE_SANITIZE "," _vitrine_sanitizers)
  add_compile_options(-fsanitize=${_vitrine_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_vitrine_sanitizers})
  if("thread" IN_LIST VITRINE_SANITIZE)
    # GCC 12 warns that TSan does not model std::atomic_thread_fence, which Asio uses in
    # its scheduler; races through such fences could be missed, none are reported falsely.
    add_compile_options(-Wno-tsan)
  endif()
  if("undefined" IN_LIST VITRINE_SANITIZE)
    # UBSan's vptr check needs the type information of every polymorphic class it sees;
    # SOCI 4.0.3 does not export its internal classes' (ref_counted_statement, ...), so the
    # check cannot link. The rest of UBSan stays on.
    add_compile_options(-fno-sanitize=vptr)
  endif()
  message(STATUS "vitrine: sanitizers ${_vitrine_sanitizers}")
endif()
