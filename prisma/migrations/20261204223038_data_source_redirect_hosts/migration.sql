-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "redirectHosts" TEXT[] DEFAULT ARRAY[]::TEXT[];
