import { byIdLoader, rowsById } from "../db/loaders";
import { Territory } from "./territory.entity";
import { User } from "./user.entity";

export const userById = rowsById(User);
export const territoryById = byIdLoader(Territory);
