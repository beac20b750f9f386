/*
 * \brief  Capscope's agent core (plain C, target-bridge/src/main/c/agent) in C++
 *
 * Genode puts the Fiasco.OC bindings into namespace Foc (foc/syscall.h); the
 * core's headers name the same l4sys types, so they are included there too.
 * The functions keep C linkage and so are the very symbols of the C objects.
 */

#ifndef _CAPSCOPE__CORE_H_
#define _CAPSCOPE__CORE_H_

#include <foc/syscall.h>

namespace Foc { extern "C" {
#include "agent/agent.h"
#include "agent/armor.h"
#include "protocol/proto.h"
} }

namespace Capscope {
	using Foc::agent;
	using Foc::agent_runtime;
	using Foc::agent_task_info;
	using Foc::agent_thread_info;
	using Foc::agent_capmap_entry;
	using Foc::agent_semantics;
	using Foc::agent_obj_info;
	using Foc::agent_result;
	using Foc::armor_rx;
	using Foc::writer;
}

#endif
