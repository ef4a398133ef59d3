/*
 * The page's files, compiled in from web/ (cmake/embed.cmake).  A request
 * names one of them exactly or gets nothing: no path is ever joined to a
 * directory, so none can lead outside.
 */
#include <pthread.h>
#include <string.h>

#include "serve.h"

extern const unsigned char dm_web_index_data[], dm_web_app_data[], dm_web_style_data[], dm_web_icon_data[];
extern const size_t dm_web_index_size, dm_web_app_size, dm_web_style_size, dm_web_icon_size;

static dm_asset assets[4];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* the sizes are not constant expressions, so the table is filled once */
static void fill(void)
{
	assets[0] = (dm_asset){"/", "text/html; charset=utf-8", dm_web_index_data, dm_web_index_size};
	assets[1] = (dm_asset){"/app.js", "text/javascript; charset=utf-8", dm_web_app_data, dm_web_app_size};
	assets[2] = (dm_asset){"/style.css", "text/css; charset=utf-8", dm_web_style_data, dm_web_style_size};
	assets[3] = (dm_asset){"/icon.svg", "image/svg+xml", dm_web_icon_data, dm_web_icon_size};
}

const dm_asset *dm_asset_find(const char *path)
{
	pthread_once(&once, fill);
	for (size_t i = 0; i < sizeof assets / sizeof *assets; i++)
		if (!strcmp(path, assets[i].path))
			return &assets[i];
	return NULL;
}
