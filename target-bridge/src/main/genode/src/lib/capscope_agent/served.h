/*
 * \brief  Which RPC objects a component serves, as its entrypoints know them
 *
 * A Genode RPC capability names an object in the object pool of the server's
 * entrypoint, keyed by the capability's id (its badge, which core also puts
 * in the IPC gate's label). A component can tell whether it serves an id;
 * who serves an id held elsewhere, the hub asks every component it knows.
 */

#ifndef _CAPSCOPE__SERVED_H_
#define _CAPSCOPE__SERVED_H_

#include <util/interface.h>

namespace Capscope { struct Served; }


struct Capscope::Served : Genode::Interface
{
	/* whether this component serves the RPC object of capability id `id` */
	virtual bool serves(unsigned id) = 0;
};

#endif
