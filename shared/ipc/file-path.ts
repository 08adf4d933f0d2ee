/**
 * A file path as a payload may carry it: non-empty, at most Windows' extended-path length
 * (32,767 characters). Whether the file may be used is main's decision, not the schema's.
 */
import { z } from 'zod';

export const MAX_PATH_LENGTH = 32_767;

export const filePathSchema = z.string().min(1).max(MAX_PATH_LENGTH);
