# What `cmake --install` puts under the prefix for C++ consumers (docs/library.md): the public
# headers, libeventgraph.a, a CMake package (eventgraph::engine) and a pkg-config file.
#
# The engine is installed as the static library the build and the tests use (docs/architecture.md,
# "The installed package"), so its dependencies are link-only for a consumer: every one is
# PRIVATE, so no header of theirs is needed, but their libraries must be linked. The config
# finds them again; the pkg-config file names them as Libs.private.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(EVENTGRAPH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/eventgraph)

# The pkg-config modules the stages link, as `TARGET-NAME=MODULE...` (the PkgConfig:: targets
# the stage CMakeLists.txt files create): the one list the config and eventgraph.pc are made from.
set(EVENTGRAPH_PKG_CONFIG_TARGETS
    "graphviz=libgvc libcgraph"
    "rsvg=librsvg-2.0"
    "cairo=cairo cairo-pdf cairo-png"
    "libxml2=libxml-2.0"
    "gmime=gmime-3.0"
    "nettle=nettle")
# eventgraph.pc names the libraries the engine links itself, as Libs.private, and no
# Requires.private: with it `pkg-config --static` would go on through those modules' own private
# dependencies (gpgme, libidn2, X11...), whose development files a system need not have, while
# the shared libraries bring their own dependencies.
set(EVENTGRAPH_PKG_CONFIG_LOOKUPS "")
set(EVENTGRAPH_PC_LIBRARIES "")
foreach(entry IN LISTS EVENTGRAPH_PKG_CONFIG_TARGETS)
  string(REPLACE "=" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 modules)
  string(APPEND EVENTGRAPH_PKG_CONFIG_LOOKUPS "_eventgraph_pkg_config(${name} ${modules})\n")
  list(APPEND EVENTGRAPH_PC_LIBRARIES ${${name}_LIBRARIES})
endforeach()
# The CMake packages' libraries, and libcsv (no pkg-config file, no CMake package).
list(APPEND EVENTGRAPH_PC_LIBRARIES yaml-cpp fmt simdjson date-tz boost_graph csv)
list(REMOVE_DUPLICATES EVENTGRAPH_PC_LIBRARIES)
list(TRANSFORM EVENTGRAPH_PC_LIBRARIES PREPEND -l)
list(JOIN EVENTGRAPH_PC_LIBRARIES " " EVENTGRAPH_PC_LIBS_PRIVATE)

install(TARGETS eventgraph_engine EXPORT eventgraphTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
install(EXPORT eventgraphTargets NAMESPACE eventgraph:: DESTINATION ${EVENTGRAPH_CMAKE_DIR}
        COMPONENT development)

configure_package_config_file(cmake/eventgraphConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/eventgraphConfig.cmake
                              INSTALL_DESTINATION ${EVENTGRAPH_CMAKE_DIR})
# 0.x: a minor release may break the API (semantic versioning), so 0.2 is only 0.2.x.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/eventgraphConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/eventgraphConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/eventgraphConfigVersion.cmake
        DESTINATION ${EVENTGRAPH_CMAKE_DIR} COMPONENT development)

# The .pc file finds the prefix from where it lies (${pcfiledir}), so `cmake --install --prefix`
# anywhere gives a working file.
file(RELATIVE_PATH EVENTGRAPH_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" EVENTGRAPH_PC_TO_PREFIX "${EVENTGRAPH_PC_TO_PREFIX}")
configure_file(cmake/eventgraph.pc.in ${CMAKE_CURRENT_BINARY_DIR}/eventgraph.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/eventgraph.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
