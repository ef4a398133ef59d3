/* The lexicon is shared by text, attrib and link: see lex/lexicon.h. */
#include "lex/lexicon.h"
