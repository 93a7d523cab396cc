import { byIdLoader } from "../db/loaders";
import { Territory } from "./territory.entity";
import { User } from "./user.entity";

export const userById = byIdLoader(User);
export const territoryById = byIdLoader(Territory);
