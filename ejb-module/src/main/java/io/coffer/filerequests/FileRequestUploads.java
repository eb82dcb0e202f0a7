package io.coffer.filerequests;

import io.coffer.documents.UploadBody;
import io.coffer.documents.Uploads;
import io.coffer.filerequests.internal.Intake;
import io.coffer.filerequests.internal.Limits;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outsiders' side of file requests, outside any transaction (FR-2..FR-7): the request's intro by its token; an
 * upload admitted by every limit before a byte is read, stored at most to the request's size limit, its detected type
 * checked, then recorded in one short tenant transaction. A refusal at any step leaves nothing (FR-6): the stored bytes
 * are removed again. The answer says SCANNING; the scan runs right after, in the background.
 */
@ApplicationScoped
public class FileRequestUploads {

    @EJB
    Intake intake;

    @Inject
    Uploads uploads;

    @EJB
    TenantScope tenancy;

    public FileRequest.Intro intro(String token) {
        return intake.intro(token);
    }

    /**
     * Receives one file. {@code name} (the query's) wins over a multipart body's file name; one of them is needed.
     * {@code email} and {@code password} as the request asks; {@code client} the sender's address (for activity).
     */
    public FileRequest.Received upload(String token, String name, String email, String password, String declaredType,
                                       UploadBody body, String client) {
        if ((name == null || name.isEmpty()) && !body.carriesFileName()) {
            throw io.coffer.shared.error.ValidationException.of("name", "is required (query parameter or file name)");
        }
        Intake.Admission a = intake.admit(token, name, body.declaredLength() - body.framingAllowance(), declaredType,
                email, password);
        Limits limits = Limits.of(a.allowedTypes());
        String[] finalName = {a.name()};
        Uploads.Staged staged = uploads.stage(a.tenant(), body, a.maxBytes(), type -> {
            if (finalName[0] == null) { // a multipart body named the file: its name is known now
                finalName[0] = body.fileName().map(Uploads::baseName).orElseThrow(() ->
                        io.coffer.shared.error.ValidationException.of("name",
                                "is required (query parameter or file name)"));
                io.coffer.datarooms.Names.clean(finalName[0], "name");
            }
            return limits.accepts(type, finalName[0]);
        }, () -> finalName[0]);
        Intake.Recorded recorded;
        try {
            recorded = tenancy.call(a.tenant(), () -> intake.record(a, finalName[0], staged, client));
        } catch (RuntimeException e) {
            uploads.discard(a.tenant(), staged);
            throw e;
        }
        uploads.received(a.tenant(), staged, recorded.document());
        return recorded.view();
    }
}
