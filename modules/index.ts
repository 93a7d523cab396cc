import type { CrmModule } from "../src/modules/contract";
import { accountsModule } from "./accounts";
import { leadsModule } from "./leads";
import { opportunitiesModule } from "./opportunities";
import { ordersModule } from "./orders";
import { quotesModule } from "./quotes";
import { serviceModule } from "./service";

/** Every module the gateway knows, in any order; the registry sorts them by `requires`. */
export const allModules: CrmModule[] = [accountsModule, opportunitiesModule, leadsModule, quotesModule, ordersModule, serviceModule];
