// Checks what the interactive prompt checks (archetype-metadata.xml's validationRegex), in batch mode
// too: a handler type that handlers.yaml could not name leaves no project behind.
def type = request.properties.get('handlerType')
if (!(type ==~ /[a-z0-9][a-z0-9_-]*/)) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException("handlerType '" + type + "' is not a handler type: use lower-case letters,"
            + " digits, '-' and '_', starting with a letter or digit (e.g. -DhandlerType=acme-notify); no project was generated")
}
