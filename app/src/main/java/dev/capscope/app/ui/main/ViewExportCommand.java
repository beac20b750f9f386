package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.service.FileErrors;
import dev.capscope.app.ui.status.StatusViewModel;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.tree.ViewExport;
import dev.capscope.core.io.AtomicFile;

/** File > Export view: asks where, then writes the view as text, CSV or JSON (by the file's extension) on the worker. */
final class ViewExportCommand {
    private final UiContext ctx;
    private final StatusViewModel status;

    ViewExportCommand(UiContext ctx, StatusViewModel status) {
        this.ctx = ctx;
        this.status = status;
    }

    void export(ViewExport view, String taskName) {
        String suggested = SnapshotCommands.fileName(taskName + "-view").replace(".json", ".csv");
        ctx.dialogs().chooseFileToSave("Export the view (.txt, .csv or .json)", suggested).ifPresent(file ->
                BackgroundTask.wrap("export view", () -> {
                            AtomicFile.write(file, view.format(file.getFileName().toString()));
                            return file;
                        })
                        .onSuccess(f -> status.idle("Exported " + view.lines().stream().filter(l -> l.row().isSelector())
                                .count() + " rows to " + f))
                        .onFailure(e -> {
                            var t = FileErrors.writing(file, e, "Choose another folder or name, then export again.");
                            ctx.dialogs().showError("Cannot export the view", t.whatHappened(), t.whatToDo());
                        })
                        .executeWith(ctx.runner()));
    }
}
