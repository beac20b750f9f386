/*
 * \brief  Connection to the Capscope hub
 */

#ifndef _INCLUDE__CAPSCOPE_SESSION__CONNECTION_H_
#define _INCLUDE__CAPSCOPE_SESSION__CONNECTION_H_

#include <base/connection.h>
#include <capscope_session/client.h>

namespace Capscope { struct Connection; }

struct Capscope::Connection : Genode::Connection<Session>, Session_client
{
	Connection(Genode::Env &env, Genode::Session_label const &label = Genode::Session_label("capscope"))
	:
		Genode::Connection<Session>(env, label, Genode::Ram_quota { RAM_QUOTA }, Args()),
		Session_client(cap())
	{ }
};

#endif
