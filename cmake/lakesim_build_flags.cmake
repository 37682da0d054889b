# Warnings and sanitizers as an interface target that every lakesim target links, rather than
# global options: third-party code built in the same tree (none today) would not inherit them.
add_library(lakesim_build_flags INTERFACE)
# -Wswitch-enum: a switch over an enum names every value, so that a new fault kind (or any new
# enumerator) cannot be half-handled behind a `default:`.
target_compile_options(lakesim_build_flags INTERFACE -Wall -Wextra -Wpedantic -Wswitch-enum)
if(LAKESIM_WERROR)
  target_compile_options(lakesim_build_flags INTERFACE -Werror)
endif()
if(LAKESIM_SANITIZE)
  target_compile_options(lakesim_build_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                       -fno-sanitize-recover=undefined)
  # Sanitizer instrumentation makes GCC's flow analysis report false "maybe uninitialized" in
  # Boost.Graph headers; the Release build keeps the warning.
  target_compile_options(lakesim_build_flags INTERFACE -Wno-maybe-uninitialized)
  target_link_options(lakesim_build_flags INTERFACE -fsanitize=address,undefined)
endif()
