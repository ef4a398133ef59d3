# Write OUT, a C file holding each model file of MODELS (a ;-list of
# NAME=PATH) as const bytes dm_model_NAME_data and dm_model_NAME_size, so
# that dictum carries its models and finds them without a path.
set(code "/* Generated from models/ by cmake/embed.cmake; do not edit. */\n#include <stddef.h>\n")
foreach(pair ${MODELS})
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR size "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(APPEND code "const unsigned char dm_model_${name}_data[] = {\n${bytes}0};\n")
  string(APPEND code "const size_t dm_model_${name}_size = ${size};\n")
endforeach()
file(WRITE "${OUT}" "${code}")
