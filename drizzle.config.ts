import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'sqlite',
	casing: 'snake_case',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/yizhen.db' }
});
