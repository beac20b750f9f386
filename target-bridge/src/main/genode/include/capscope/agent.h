/*
 * \brief  Capscope's agent for Genode components on Fiasco.OC
 *
 * A component that calls Capscope::start once can be walked with Capscope
 * over the system's serial line: the agent joins the Capscope hub (a
 * "Capscope" session) and answers requests about this component's own
 * capability space from a thread of its own, so it answers even while the
 * component's entrypoint is busy. Read-only.
 *
 *   void Component::construct(Genode::Env &env)
 *   {
 *     static Main main(Capscope::start(env));
 *   }
 *
 * Sessions opened through the returned Env show their service, label and
 * arguments in Capscope; everything else in the cap map shows its id, ref
 * count and kernel validity only.
 */

#ifndef _INCLUDE__CAPSCOPE__AGENT_H_
#define _INCLUDE__CAPSCOPE__AGENT_H_

#include <base/env.h>

namespace Capscope {

	/*
	 * Start the agent (once; later calls return the same Env). Without a
	 * Capscope hub the component runs on, with a warning in its log.
	 */
	Genode::Env &start(Genode::Env &env);
}

#endif
