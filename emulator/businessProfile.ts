/**
 * The number's business profile, as GET /whatsapp_business_profile shows it, and the files of
 * Meta's Resumable Upload API (`POST /uploads` opens a session, `POST /upload:{id}` takes the
 * bytes and answers the handle), which 360dialog serves with the D360-API-KEY ("Set WhatsApp
 * profile information", "Media Uploads" API reference).
 */
import { randomBytes } from 'node:crypto';

export interface BusinessProfile {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	vertical?: string;
	websites?: string[];
	profile_picture_url?: string;
}

interface UploadSession {
	fileLength: number;
	fileType: string;
	bytes?: Buffer;
}

export class ProfileStore {
	profile: BusinessProfile = {};

	private sessions = new Map<string, UploadSession>();

	/** Handles of finished uploads, by handle. */
	private handles = new Map<string, UploadSession>();

	openSession(fileLength: number, fileType: string): string {
		const id = `upload:${randomBytes(12).toString('base64url')}`;
		this.sessions.set(id, { fileLength, fileType });
		return id;
	}

	session(id: string): UploadSession | undefined {
		return this.sessions.get(id);
	}

	/** Stores the bytes of a session; the handle names them. */
	finish(id: string, bytes: Buffer): string {
		const session = this.sessions.get(id)!;
		session.bytes = bytes;
		const handle = `4:${randomBytes(18).toString('base64url')}`;
		this.handles.set(handle, session);
		return handle;
	}

	upload(handle: string): UploadSession | undefined {
		return this.handles.get(handle);
	}

	clear(): void {
		this.profile = {};
		this.sessions.clear();
		this.handles.clear();
	}
}
